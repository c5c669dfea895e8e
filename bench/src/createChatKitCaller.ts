import type { SimBackend } from './createSimBackend.js';
import type { SimClock } from './createSimClock.js';
import type { RenewalStrategy } from './strategies/RenewalStrategy.js';

/** What the callers of one simulated day saw, summed over all of them. */
export interface CallerTally {
  /** `getClientSecret` calls made. */
  calls: number;
  /** Calls that rejected. */
  failedCalls: number;
  /** Awake milliseconds during which a mounted caller held a secret past its true expiry. */
  expiredMs: number;
  /** Callers that held an expired secret at some point. */
  callersWithExpiredSecret: number;
}

/** When ChatKit asks for a new secret, and how soon it asks again after a failure or the same secret. */
export interface ChatKitTiming {
  /** ChatKit calls `getClientSecret(current)` this long before the secret it holds expires. */
  readonly leadMs: number;
  /** It calls again this long after a failure, or after getting a secret with less than `leadMs` left. */
  readonly retryMs: number;
}

/** A window of true time during which the machine slept. */
export interface SleepWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Milliseconds of `[from, to)` that fall outside every sleep window. */
function awakeMs(from: number, to: number, sleeps: readonly SleepWindow[]): number {
  if (to <= from) return 0;
  const asleep = sleeps.reduce((sum, s) => sum + Math.max(0, Math.min(to, s.toMs) - Math.max(from, s.fromMs)), 0);
  return to - from - asleep;
}

/**
 * Creates one ChatKit widget on the simulated day: on mount it calls `getClientSecret(null)`, then
 * `getClientSecret(current)` shortly before the secret it holds expires (in true time), and again after a failure or
 * a secret that is no better. It tells the strategy when it opens and closes (`openChat`). It tallies failures and the
 * awake time it held an expired secret while mounted.
 *
 * @param context The clock, the backend (which knows each secret's true expiry), the strategy, the tally to add to,
 * ChatKit's timing and the sleep windows.
 * @returns `mount` and `unmount`.
 */
export function createChatKitCaller(context: {
  clock: SimClock;
  backend: SimBackend;
  strategy: RenewalStrategy;
  tally: CallerTally;
  timing: ChatKitTiming;
  sleeps: readonly SleepWindow[];
}) {
  const { clock, backend, strategy, tally, timing, sleeps } = context;
  let mounted = false;
  let held: { secret: string; expiryMs: number; sinceMs: number } | null = null;
  let timer: number | null = null;
  let sawExpired = false;
  let closeChat: (() => void) | null = null;

  const account = () => {
    if (!held) return;
    const expired = awakeMs(Math.max(held.sinceMs, held.expiryMs), clock.trueNow(), sleeps);
    tally.expiredMs += expired;
    if (expired > 0 && !sawExpired) {
      sawExpired = true;
      tally.callersWithExpiredSecret += 1;
    }
    held.sinceMs = clock.trueNow();
  };
  const arm = () => {
    const left = held ? held.expiryMs - clock.trueNow() : 0;
    const delay = left > timing.leadMs ? left - timing.leadMs : timing.retryMs;
    timer = clock.setTimeout(() => call(held?.secret ?? null), delay);
  };
  const call = (current: string | null) => {
    timer = null;
    tally.calls += 1;
    strategy.getClientSecret(current).then(
      (secret) => {
        if (!mounted) return;
        account();
        held = { secret, expiryMs: backend.expiryOf(secret) ?? Number.NEGATIVE_INFINITY, sinceMs: clock.trueNow() };
        arm();
      },
      () => {
        if (!mounted) return;
        tally.failedCalls += 1;
        arm();
      },
    );
  };

  return {
    mount() {
      mounted = true;
      // The app says ChatKit is on the page before ChatKit asks for its first secret, as an effect around it would.
      closeChat = strategy.openChat?.() ?? null;
      call(null);
    },
    unmount() {
      account();
      mounted = false;
      held = null;
      closeChat?.();
      closeChat = null;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
