import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ChatSessionControllerOptions,
  type ChatSessionState,
  createChatSessionController,
  createTabSync,
  type FetchSessionContext,
  type LockManagerLike,
} from '../src/index.js';
import { createTabHub } from './createTabHub.js';
import { createTestBackend, sessionFixture } from './createTestBackend.js';
import { createTestEnvironment } from './createTestEnvironment.js';
import { FIXED_SCHEDULE } from './fixedSchedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The validity `getClientSecret` must leave a secret of a session of this lifetime (the `Date` header costs 1 s). */
const scaledMinValidityMs = (lifetimeSeconds: number) => Math.min(30 * SECOND, ((lifetimeSeconds - 1) * SECOND) / 4);

function setup({
  lifetimeSeconds = 600,
  latencyMs = 50,
  options = {},
  wrapFetch,
}: {
  lifetimeSeconds?: number;
  latencyMs?: number;
  options?: Partial<ChatSessionControllerOptions>;
  /** Wraps the backend's `fetchSession`, for example to sleep between the server's answer and its delivery. */
  wrapFetch?: (
    fetchSession: (context: FetchSessionContext) => Promise<Response>,
  ) => (context: FetchSessionContext) => Promise<Response>;
} = {}) {
  const env = createTestEnvironment();
  const backend = createTestBackend({ lifetimeSeconds, latencyMs });
  const signals: AbortSignal[] = [];
  const recorded = (context: FetchSessionContext) => {
    signals.push(context.signal);
    return backend.fetchSession(context);
  };
  const controller = createChatSessionController({
    fetchSession: wrapFetch ? wrapFetch(recorded) : recorded,
    environment: env.environment,
    ...FIXED_SCHEDULE,
    ...options,
  });
  /** True milliseconds a secret has left, by the backend that issued it; minus infinity for none. */
  const trueValidityOf = (secret: string | null) =>
    secret === null ? Number.NEGATIVE_INFINITY : (backend.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
  const states: ChatSessionState[] = [];
  /** Every notified state whose secret had expired (true time) when it was published. */
  const shownExpired: { status: string; clientSecret: string | null; validityMs: number }[] = [];
  controller.subscribe((state) => {
    states.push(state);
    const validityMs = trueValidityOf(state.clientSecret);
    if (state.clientSecret !== null && validityMs <= 0) {
      shownExpired.push({ status: state.status, clientSecret: state.clientSecret, validityMs });
    }
  });
  const expectNothingLeft = async () => {
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  };
  return { env, backend, controller, signals, states, shownExpired, trueValidityOf, expectNothingLeft };
}

/** Settles a promise into a plain value a test can compare, and tells whether it settled yet. */
function track<T>(promise: Promise<T>) {
  const outcome: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(outcome, { settled: true, value }),
    (error: unknown) => Object.assign(outcome, { settled: true, error }),
  );
  return outcome;
}

/** A tab whose Web Lock grant is held back until the test releases it. */
function setupSharedTab() {
  const hub = createTabHub();
  const backend = createTestBackend();
  const env = createTestEnvironment();
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let pendingGrants = 0;
  const locks: LockManagerLike = {
    async request(name, options, callback) {
      pendingGrants += 1;
      await gate;
      pendingGrants -= 1;
      return hub.locks.request(name, options, callback);
    },
  };
  const controller = createChatSessionController({
    fetchSession: backend.fetchSession,
    environment: { ...env.environment, createBroadcastChannel: hub.createBroadcastChannel, locks },
    shareAcrossTabs: createTabSync,
    sessionKey: 'alice',
    ...FIXED_SCHEDULE,
    initialSession: { session: sessionFixture, expiresAt: Date.now() + 10 * MINUTE },
  });
  /** Runs until the renewal is due and this tab waits for the lock grant. */
  const untilGrantPending = async () => {
    controller.start();
    await vi.advanceTimersByTimeAsync((controller.getState().refreshAt ?? 0) - Date.now() + 3 * SECOND);
    expect(pendingGrants, 'lock requests waiting for their grant').toBe(1);
    expect(backend.requests).toBe(0);
  };
  const expectNothingLeft = async () => {
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.openChannels).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  };
  return { backend, controller, release: () => release(), untilGrantPending, expectNothingLeft };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController lifecycle', () => {
  it.each([
    ['a 600-s session, 20-min sleep, monotonic clock paused', 600, 20 * MINUTE, false],
    ['a 600-s session, 20-min sleep, monotonic clock running', 600, 20 * MINUTE, true],
    ['a 20-s session, 16-s sleep (less than a quarter of its life left)', 20, 16 * SECOND, false],
  ])(
    'defect 4: never hands out a session that arrives expired or nearly so when the machine slept before reading it (%s)',
    async (_, lifetimeSeconds, sleepMs, monotonicAdvances) => {
      let sleeps = 1;
      const { controller, shownExpired, trueValidityOf, expectNothingLeft, env } = setup({
        lifetimeSeconds,
        // The server has minted the session (Date and expires_at are fixed); the machine sleeps before it is read.
        wrapFetch: (fetchSession) => async (context) => {
          const response = await fetchSession(context);
          if (sleeps-- > 0) env.sleep(sleepMs, { monotonicAdvances });
          return response;
        },
      });
      const minValidityMs = scaledMinValidityMs(lifetimeSeconds);
      controller.start();
      const caller = controller
        .getClientSecret(null)
        .then((secret) => ({ secret, validityMs: trueValidityOf(secret) }));
      await vi.advanceTimersByTimeAsync(SECOND);
      const handedOut = await caller;
      expect
        .soft(handedOut.validityMs, `true validity (ms) of ${handedOut.secret} when getClientSecret resolved with it`)
        .toBeGreaterThanOrEqual(minValidityMs);
      await vi.advanceTimersByTimeAsync(SECOND);
      const state = controller.getState();
      expect
        .soft(
          trueValidityOf(state.clientSecret),
          `true validity (ms) of getState().clientSecret (${state.clientSecret})`,
        )
        .toBeGreaterThanOrEqual(minValidityMs);
      expect
        .soft(
          vi.getTimerCount() > 0 || state.status === 'loading' || state.status === 'refreshing',
          'the started controller has a timer armed or a request in flight',
        )
        .toBe(true);
      expect.soft(shownExpired, 'states published with an expired secret').toEqual([]);
      await expectNothingLeft();
    },
  );

  it('defect 4: renews at once when a scheduled renewal arrives expired because the machine slept before reading it', async () => {
    let sleepOnRequest = 2;
    const { backend, controller, shownExpired, trueValidityOf, expectNothingLeft, env } = setup({
      wrapFetch: (fetchSession) => async (context) => {
        const response = await fetchSession(context);
        if (--sleepOnRequest === 0) env.sleep(20 * MINUTE);
        return response;
      },
    });
    controller.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(controller.getState().clientSecret).toBe('ek_test_1');
    await vi.advanceTimersByTimeAsync((controller.getState().refreshAt ?? 0) - Date.now() + SECOND);
    const state = controller.getState();
    expect.soft(backend.requests, 'requests sent (the one that arrived expired must be followed by another)').toBe(3);
    expect
      .soft(trueValidityOf(state.clientSecret), `true validity (ms) of getState().clientSecret (${state.clientSecret})`)
      .toBeGreaterThan(9 * MINUTE);
    expect.soft(shownExpired, 'states published with an expired secret').toEqual([]);
    await expectNothingLeft();
  });

  it('defect 5: never shows an expired secret while a renewal request hangs past the expiry', async () => {
    const { backend, controller, trueValidityOf, expectNothingLeft } = setup({
      lifetimeSeconds: 20,
      options: { requestTimeoutMs: 60 * SECOND },
    });
    controller.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(controller.getState().clientSecret).toBe('ek_test_1');
    backend.script({ kind: 'hang' });
    const samples: { second: number; status: string; clientSecret: string | null; validityMs: number }[] = [];
    for (let second = 1; second <= 80; second += 1) {
      await vi.advanceTimersByTimeAsync(SECOND);
      const { status, clientSecret } = controller.getState();
      samples.push({ second, status, clientSecret, validityMs: trueValidityOf(clientSecret) });
    }
    // The renewal went out on time and hung until the request timeout.
    expect(backend.reasons.slice(0, 2)).toEqual(['initial', 'scheduled']);
    const shownExpired = samples.filter(({ clientSecret, validityMs }) => clientSecret !== null && validityMs <= 0);
    const [first, last] = [shownExpired[0], shownExpired.at(-1)];
    expect
      .soft(
        shownExpired.length,
        `getState() samples (one a second for 80 s) that showed an expired secret; first ${JSON.stringify(first)}, last ${JSON.stringify(last)}`,
      )
      .toBe(0);
    // After the timeout it retried and recovered.
    expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_3', error: null });
    await expectNothingLeft();
  });

  it('defect 6: sends no request and stays signed out when reset() runs while a Web Lock grant is pending', async () => {
    const { backend, controller, release, untilGrantPending, expectNothingLeft } = setupSharedTab();
    await untilGrantPending();
    controller.reset();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect.soft(backend.requests, 'requests sent after reset()').toBe(0);
    expect
      .soft(controller.getState(), 'getState() after reset() and the grant')
      .toMatchObject({ status: 'idle', clientSecret: null, session: null });
    await expectNothingLeft();
  });

  it('defect 6: sends no request when dispose() runs while a Web Lock grant is pending', async () => {
    const { backend, controller, release, untilGrantPending, expectNothingLeft } = setupSharedTab();
    await untilGrantPending();
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect.soft(backend.requests, 'requests sent after dispose()').toBe(0);
    await expectNothingLeft();
  });

  it('defect 8: a stopped controller schedules nothing and never reads active with an expired secret', async () => {
    const { backend, controller, env, expectNothingLeft } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_1' });
    controller.stop();
    expect.soft(controller.getState().refreshAt, 'refreshAt right after stop()').toBeNull();
    expect(vi.getTimerCount(), 'timers left armed by stop()').toBe(0);
    // Past the expiry: no timer runs for it, and wake-ups are not heard while stopped.
    await vi.advanceTimersByTimeAsync(11 * MINUTE);
    env.dispatch('visibilitychange');
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.requests, 'requests sent while stopped').toBe(1);
    const { status, clientSecret, session, refreshAt } = controller.getState();
    expect.soft({ status, clientSecret, session, refreshAt }, 'getState() 11 min after stop()').toEqual({
      status: 'idle',
      clientSecret: null,
      session: null,
      refreshAt: null,
    });
    // start() resumes from the clocks: nothing usable, so one request at once.
    controller.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.requests).toBe(2);
    expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_2' });
    await expectNothingLeft();
  });

  it('aborts the request in flight on stop() without committing it, and resumes with one request on start()', async () => {
    const { backend, controller, signals, states, expectNothingLeft } = setup({ latencyMs: 5 * SECOND });
    controller.start();
    await vi.advanceTimersByTimeAsync(SECOND);
    expect(backend.requests).toBe(1);
    controller.stop();
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect.soft(signals[0]?.aborted, 'the signal of the request in flight at stop()').toBe(true);
    const { status, clientSecret, error } = controller.getState();
    expect.soft({ status, clientSecret, error }, 'getState() 10 s after stop()').toEqual({
      status: 'idle',
      clientSecret: null,
      error: null,
    });
    expect.soft(states.filter((state) => state.clientSecret !== null).length, 'states published with a secret').toBe(0);
    controller.start();
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(backend.requests, 'requests after start() again').toBe(2);
    expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_2' });
    // With a usable session, stop() and start() again send nothing and leave a renewal armed.
    controller.stop();
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.requests).toBe(2);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync((controller.getState().refreshAt ?? 0) - Date.now() + 6 * SECOND);
    expect(backend.requests).toBe(3);
    expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_3' });
    await expectNothingLeft();
  });

  it('keeps a getClientSecret call waiting across stop() and answers it after start()', async () => {
    const { backend, controller, trueValidityOf, expectNothingLeft } = setup({ latencyMs: 5 * SECOND });
    controller.start();
    const waiting = track(controller.getClientSecret(null));
    await vi.advanceTimersByTimeAsync(SECOND);
    controller.stop();
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect.soft(waiting, 'the call 30 s after stop() aborted its request').toEqual({ settled: false });
    expect.soft(backend.requests, 'requests sent while stopped').toBe(1);
    controller.start();
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(waiting, 'the call after start()').toEqual({ settled: true, value: 'ek_test_2' });
    expect(trueValidityOf(waiting.value ?? null)).toBeGreaterThan(9 * MINUTE);
    await expectNothingLeft();
  });

  it.each([
    ['a request is in flight', undefined, 'disposed'],
    ['a request hangs', { kind: 'hang' }, 'disposed'],
    // Nothing usable and a retry waiting out Retry-After: the caller is told at once, before dispose().
    [
      'a retry waits out its backoff',
      { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
      'rate_limited',
    ],
  ] as const)('leaves no timer, listener or request behind when disposed while %s', async (_, fault, kind) => {
    const { backend, controller, env } = setup({ latencyMs: 2 * SECOND });
    if (fault) backend.script(fault);
    controller.start();
    await vi.advanceTimersByTimeAsync(fault?.kind === 'status' ? 3 * SECOND : SECOND);
    const waiting = track(controller.getClientSecret(null));
    await vi.advanceTimersByTimeAsync(0);
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount(), 'timers left after dispose()').toBe(0);
    expect(env.listenerCount(), 'wake-up listeners left after dispose()').toBe(0);
    const requests = backend.requests;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(backend.requests, 'requests sent after dispose()').toBe(requests);
    expect(waiting).toMatchObject({ settled: true, error: { kind } });
  });

  it('leaves no timer or listener when disposed after stop() with a session', async () => {
    const { backend, controller, env } = setup();
    controller.start();
    await vi.advanceTimersByTimeAsync(100);
    controller.stop();
    controller.start();
    controller.stop();
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(backend.requests).toBe(1);
  });
});
