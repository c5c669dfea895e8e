import type { ChatSessionController } from './ChatSessionController.js';
import { type ChatSessionEnvironment, createChatSessionEnvironment } from './ChatSessionEnvironment.js';

/** Whole seconds left until a session expires and until its next renewal; `null` when there is none. */
export interface SessionCountdownSnapshot {
  readonly secondsLeft: number | null;
  readonly secondsUntilRefresh: number | null;
}

/** A once-a-second view of a controller's deadlines that ticks only while someone listens. */
export interface SessionCountdown {
  /** Starts ticking with the first listener and stops with the last; returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /** Returns the current countdown; the same object until a number in it changes. */
  getSnapshot(): SessionCountdownSnapshot;
}

const TICK_MS = 1000;

const secondsUntil = (deadline: number | null, now: number) =>
  deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));

/**
 * Creates a countdown of a controller's expiry and next renewal for UIs; it never changes when the session renews.
 *
 * @param controller The controller to follow.
 * @param environment The clock and timers; pass the controller's in tests. Defaults to the host's.
 * @returns The countdown.
 * @example
 * const countdown = createSessionCountdown(controller);
 * const stop = countdown.subscribe(() => render(countdown.getSnapshot().secondsLeft));
 */
export function createSessionCountdown(
  controller: Pick<ChatSessionController, 'getState' | 'subscribe'>,
  environment: Partial<ChatSessionEnvironment> = {},
): SessionCountdown {
  const env = createChatSessionEnvironment(environment);
  const listeners = new Set<() => void>();
  let snapshot: SessionCountdownSnapshot = { secondsLeft: null, secondsUntilRefresh: null };
  let timer: unknown = null;
  let unsubscribe: (() => void) | null = null;

  const update = () => {
    const { expiresAt, refreshAt } = controller.getState();
    const now = env.now();
    const next = { secondsLeft: secondsUntil(expiresAt, now), secondsUntilRefresh: secondsUntil(refreshAt, now) };
    if (next.secondsLeft === snapshot.secondsLeft && next.secondsUntilRefresh === snapshot.secondsUntilRefresh) return;
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };
  const tick = () => {
    update();
    timer = env.setTimeout(tick, TICK_MS);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        unsubscribe = controller.subscribe(update);
        tick();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !unsubscribe) return;
        unsubscribe();
        unsubscribe = null;
        env.clearTimeout(timer);
        timer = null;
      };
    },
    getSnapshot() {
      if (listeners.size === 0) update();
      return snapshot;
    },
  };
}
