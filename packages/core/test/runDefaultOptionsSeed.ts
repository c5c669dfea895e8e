import { vi } from 'vitest';
import { type ChatSessionState, createChatSessionController, reportEvents } from '../src/index.js';
import { createTestBackend, type TestFault } from './createTestBackend.js';
import { createRandom, createTestEnvironment } from './createTestEnvironment.js';
import { HOUR, MINUTE, SECOND } from './lifecycleScenario.js';
import { MIN_VALIDITY_MS } from './tabsDefaults.js';

/** The faults a seeded run draws from: each is retried by the controller. */
const TRANSIENT_FAULTS: readonly TestFault[] = [
  { kind: 'status', status: 503 },
  { kind: 'status', status: 502 },
  { kind: 'network' },
  { kind: 'status', status: 429, headers: { 'retry-after': '2' } },
  { kind: 'hang' },
];

const RUN_MS = 2 * HOUR;
const TRACE_LINES = 30;

/**
 * Runs two simulated hours of one seed with the default options: random holds and releases, callers (some replacing
 * the secret they hold, as ChatKit does), prefetches, hide and show, sleeps, and transient faults. Returns what broke,
 * each line with the seed and the end of the trace.
 */
export async function runDefaultOptionsSeed(seed: number): Promise<string[]> {
  const random = createRandom(seed * 7919 + 13);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lifetimeSeconds = pick([600, 600, 600, 300, 120, 30]);
  const latencyMs = 20 + Math.floor(random() * 2000);
  const faultRate = 0.1 + 0.2 * random();
  const minValidityMs = Math.min(MIN_VALIDITY_MS, ((lifetimeSeconds - 1) * SECOND) / 4);
  const env = createTestEnvironment({ seed });
  const backend = createTestBackend({ lifetimeSeconds, latencyMs });
  backend.failWith(() => (random() < faultRate ? pick(TRANSIENT_FAULTS) : undefined));

  const start = Date.now();
  const trace: string[] = [];
  const problems = new Map<string, string>();
  const log = (line: string) => {
    trace.push(`${((Date.now() - start) / SECOND).toFixed(3)} s  ${line}`);
    if (trace.length > TRACE_LINES) trace.shift();
  };
  const violate = (kind: string, message: string) => {
    if (!problems.has(kind)) problems.set(kind, `seed ${seed}: ${message}\n    ${trace.join('\n    ')}`);
  };
  const releases: (() => void)[] = [];
  let waiting = 0;
  let open = false;
  let lastHandedOut: string | null = null;

  const controller = createChatSessionController({
    fetchSession: backend.fetchSession,
    environment: env.environment,
    telemetry: reportEvents((event) => {
      log(`event ${event.type}${event.reason ? ` (${event.reason}, attempt ${event.attempt})` : ''}`);
      if (event.type === 'request' && !env.environment.isVisible() && waiting === 0)
        violate('hidden', `a ${event.reason} request went out on a hidden page with no caller waiting`);
      const ends = event.type === 'renewal' || event.type === 'failure';
      if (event.type === 'request' && open) violate('events', 'a request began before the last one ended');
      if (ends && !open) violate('events', `a ${event.type} ended no request`);
      if (event.type === 'request') open = true;
      if (ends) open = false;
      if (event.type === 'lapse' && releases.length > 0) violate('lapse', 'the session lapsed with a hold out');
    }),
  });
  const checkState = (state: ChatSessionState, where: string) => {
    if (state.clientSecret === null) return;
    const leftMs = (backend.expiryOf(state.clientSecret) ?? Number.NEGATIVE_INFINITY) - Date.now();
    if (leftMs <= 0) violate('state', `${where} showed ${state.clientSecret}, expired ${-leftMs} ms ago`);
  };
  controller.subscribe((state) => checkState(state, 'a published state'));

  const ask = (kind: 'caller' | 'prefetch') => {
    const replacing = kind === 'caller' && random() < 0.3 ? lastHandedOut : null;
    const askedAt = Date.now();
    log(`${kind} asks${replacing ? ` replacing ${replacing}` : ''}`);
    waiting += 1;
    const settle = () => {
      waiting -= 1;
    };
    if (kind === 'prefetch') {
      controller.prefetch().then(settle, (error: unknown) => {
        settle();
        violate('prefetch', `prefetch rejected with ${String(error)}`);
      });
      return;
    }
    controller.getClientSecret(replacing).then(
      (secret) => {
        settle();
        const leftMs = (backend.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
        const failing = controller.getState().error !== null;
        log(`caller asked at ${((askedAt - start) / SECOND).toFixed(3)} s got ${secret} with ${leftMs} ms left`);
        lastHandedOut = secret;
        if (secret === replacing) violate('replaced', `a caller replacing ${secret} got it back`);
        // A secret short of minValidityMs is the documented fallback only while renewals fail, and never an expired one.
        if (leftMs <= 0 || (leftMs < minValidityMs && !failing))
          violate('caller', `a caller got ${secret} with ${leftMs} ms left (needs ${minValidityMs})`);
      },
      (error: unknown) => {
        settle();
        log(`caller rejected: ${String(error)}`);
      },
    );
  };

  controller.start();
  log(`started: lifetime ${lifetimeSeconds} s, latency ${latencyMs} ms, faults ${(faultRate * 100).toFixed(0)} %`);
  while (Date.now() - start < RUN_MS) {
    const roll = random();
    if (roll < 0.35) {
      const ms = Math.floor(random() * 4 * MINUTE);
      await vi.advanceTimersByTimeAsync(ms);
    } else if (roll < 0.45) {
      releases.push(controller.hold());
      log(`hold (${releases.length} out)`);
    } else if (roll < 0.55) {
      releases.splice(Math.floor(random() * releases.length), 1)[0]?.();
      log(`release (${releases.length} out)`);
    } else if (roll < 0.75) {
      ask('caller');
    } else if (roll < 0.8) {
      ask('prefetch');
    } else if (roll < 0.93) {
      const visible = !env.environment.isVisible();
      log(visible ? 'show' : 'hide');
      env.setVisible(visible);
    } else {
      const ms = Math.floor(random() * 15 * MINUTE);
      const monotonicAdvances = random() < 0.5;
      log(`sleep ${ms} ms (monotonic ${monotonicAdvances ? 'advances' : 'paused'})`);
      env.sleep(ms, { monotonicAdvances });
      env.dispatch(pick(['focus', 'pageshow', 'visibilitychange']));
    }
    await vi.advanceTimersByTimeAsync(0);
    checkState(controller.getState(), 'getState()');
    const stopping = controller.getState().error?.retryable === false;
    if (releases.length > 0 && env.environment.isVisible() && !stopping && vi.getTimerCount() === 0)
      violate('armed', 'a hold is out on a visible page, yet nothing is armed');
  }
  controller.dispose();
  await vi.advanceTimersByTimeAsync(0);
  if (waiting !== 0) violate('settled', `${waiting} calls never settled after dispose()`);
  if (open) violate('events', 'the last request never ended');
  vi.clearAllTimers();
  return [...problems.values()];
}
