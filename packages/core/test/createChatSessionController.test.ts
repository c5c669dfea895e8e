import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ChatSessionControllerOptions,
  ChatSessionError,
  type ChatSessionState,
  createChatSessionController,
} from '../src/index.js';
import { createTestBackend, sessionFixture } from './createTestBackend.js';
import { createTestEnvironment } from './createTestEnvironment.js';
import { FIXED_SCHEDULE } from './fixedSchedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function setup({
  lifetimeSeconds = 600,
  latencyMs = 50,
  clockOffsetMs = 0,
  options = {},
}: {
  lifetimeSeconds?: number;
  latencyMs?: number;
  clockOffsetMs?: number;
  options?: Partial<ChatSessionControllerOptions>;
} = {}) {
  const env = createTestEnvironment({ clockOffsetMs });
  const backend = createTestBackend({ lifetimeSeconds, latencyMs });
  const controller = createChatSessionController({
    fetchSession: backend.fetchSession,
    environment: env.environment,
    ...FIXED_SCHEDULE,
    ...options,
  });
  const states: ChatSessionState[] = [];
  controller.subscribe((state) => states.push(state));
  /** True milliseconds a secret has left, by the backend that issued it. */
  const trueValidityOf = (secret: string) => (backend.expiryOf(secret) ?? 0) - Date.now();
  const expectNothingLeft = async () => {
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  };
  return { env, backend, controller, states, trueValidityOf, expectNothingLeft };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController', () => {
  it('starts nothing until start() or getClientSecret() when created', async () => {
    const { backend, controller, env, expectNothingLeft } = setup();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(backend.requests).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
    expect(controller.getState().status).toBe('idle');
    await expectNothingLeft();
  });

  it('fetches a session on start and renews it at 70–80 % of its lifetime', async () => {
    const { backend, controller, states, expectNothingLeft } = setup();
    controller.start();
    expect(controller.getState().status).toBe('loading');
    await vi.advanceTimersByTimeAsync(100);
    const first = controller.getState();
    expect(first.status).toBe('active');
    expect(first.clientSecret).toBe('ek_test_1');
    expect(first.expiresAt).toBe(Date.now() - 100 + 599 * SECOND);
    const renewIn = (first.refreshAt ?? 0) - Date.now();
    expect(renewIn).toBeGreaterThanOrEqual(0.7 * 599 * SECOND - 100);
    expect(renewIn).toBeLessThanOrEqual(0.8 * 599 * SECOND);
    await vi.advanceTimersByTimeAsync(renewIn + 100);
    expect(backend.requests).toBe(2);
    expect(backend.reasons).toEqual(['initial', 'scheduled']);
    expect(controller.getState().clientSecret).toBe('ek_test_2');
    expect(states.map((state) => state.status)).toEqual(['loading', 'active', 'refreshing', 'active']);
    await expectNothingLeft();
  });

  it('sends no request for a start() undone in the same task, as in a StrictMode mount', async () => {
    const { backend, controller, env } = setup();
    controller.start();
    controller.dispose();
    const next = createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: env.environment,
      ...FIXED_SCHEDULE,
    });
    next.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.requests).toBe(1);
    expect(next.getState().clientSecret).toBe('ek_test_1');
    next.dispose();
  });

  it('runs on a server with the default environment: no window, no browser API, nothing left after dispose', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const backend = createTestBackend();
    const controller = createChatSessionController({ fetchSession: backend.fetchSession });
    expect(vi.getTimerCount()).toBe(0);
    controller.start();
    const secret = controller.getClientSecret(null);
    await vi.advanceTimersByTimeAsync(100);
    expect(await secret).toBe('ek_test_1');
    expect(controller.getState().status).toBe('active');
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects options without fetchSession with a TypeError that names it', () => {
    expect(() => createChatSessionController({} as ChatSessionControllerOptions)).toThrow(/fetchSession/);
  });

  it.each([
    ['keepWarm', 'yes', /`keepWarm` must be true or false/],
    ['telemetry', 'console.log', /`telemetry` takes `reportEvents\(listener\)`/],
  ])('rejects %s: %j with a TypeError that names it', (name, value, message) => {
    const options = { fetchSession: async () => sessionFixture, [name]: value };
    const create = () => createChatSessionController(options as unknown as ChatSessionControllerOptions);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });

  it('rejects shareAcrossTabs: true with a TypeError that says to pass createTabSync', () => {
    const options = { fetchSession: async () => sessionFixture, shareAcrossTabs: true };
    expect(() => createChatSessionController(options as unknown as ChatSessionControllerOptions)).toThrow(
      new TypeError('createChatSessionController: `shareAcrossTabs` takes `createTabSync` (a function).'),
    );
  });

  it('adopts an initial session without a request while it is valid', async () => {
    const { backend, controller, expectNothingLeft } = setup();
    const session = {
      ...sessionFixture,
      client_secret: 'ek_from_server_render',
    };
    const adopted = createChatSessionController({
      fetchSession: backend.fetchSession,
      initialSession: { session, expiresAt: Date.now() + 8 * MINUTE },
      environment: createTestEnvironment().environment,
    });
    expect(adopted.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_from_server_render' });
    adopted.start();
    expect(await adopted.getClientSecret(null)).toBe('ek_from_server_render');
    expect(backend.requests).toBe(0);
    // Renewed before the adopted session's expiry, like any other.
    await vi.advanceTimersByTimeAsync(8 * MINUTE);
    expect(backend.requests).toBe(1);
    adopted.dispose();
    controller.dispose();
    await expectNothingLeft();
  });

  it.each([
    ['without a client_secret', { ...sessionFixture, client_secret: undefined }, 8 * MINUTE],
    ['that is null', null, 8 * MINUTE],
    ['that was cancelled', { ...sessionFixture, status: 'cancelled' }, 8 * MINUTE],
    ['with an expiry that is not a number', sessionFixture, Number.NaN],
    ['that has expired', sessionFixture, -SECOND],
  ])('ignores an initial session %s and fetches its own', async (_, session, expiresInMs) => {
    const { backend, env } = setup();
    const controller = createChatSessionController({
      fetchSession: backend.fetchSession,
      initialSession: { session: session as typeof sessionFixture, expiresAt: Date.now() + expiresInMs },
      environment: env.environment,
    });
    expect(controller.getState().status).toBe('idle');
    controller.start();
    const secret = controller.getClientSecret(null);
    await vi.advanceTimersByTimeAsync(100);
    expect(await secret).toMatch(/^ek_test_/);
    expect(backend.requests).toBe(1);
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports whatever fetchSession throws as a typed network error, even an object without a prototype', async () => {
    const { controller, expectNothingLeft } = setup({
      options: { fetchSession: () => Promise.reject(Object.create(null)) },
    });
    const error = await controller.getClientSecret(null).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ChatSessionError);
    expect(error).toMatchObject({ kind: 'network', message: 'fetchSession failed (a thrown object).' });
    expect(controller.getState().status).toBe('error');
    await expectNothingLeft();
  });

  describe('failure matrix', () => {
    it('row 2, concurrent callers: timer, refresh(), 50 getClientSecret() and a double start make one request', async () => {
      const { backend, controller, expectNothingLeft } = setup();
      controller.start();
      controller.stop();
      controller.start();
      const secrets = Promise.all(Array.from({ length: 50 }, () => controller.getClientSecret(null)));
      const refreshed = controller.refresh();
      await vi.advanceTimersByTimeAsync(100);
      expect(new Set(await secrets)).toEqual(new Set(['ek_test_1']));
      expect((await refreshed).client_secret).toBe('ek_test_1');
      expect(backend.requests).toBe(1);
      // At renewal time the timer, 50 callers and ChatKit asking with the old secret still make one request.
      await vi.advanceTimersByTimeAsync((controller.getState().refreshAt ?? 0) - Date.now() + 10);
      expect(controller.getState().status).toBe('refreshing');
      const renewed = Promise.all([
        ...Array.from({ length: 50 }, () => controller.getClientSecret(null)),
        controller.getClientSecret('ek_test_1'),
        controller.refresh().then((session) => session.client_secret),
      ]);
      await vi.advanceTimersByTimeAsync(100);
      expect(backend.requests).toBe(2);
      // Callers whose secret still has enough validity get it at once; the one ChatKit is replacing is never handed back.
      expect((await renewed).slice(-2)).toEqual(['ek_test_2', 'ek_test_2']);
      await expectNothingLeft();
    });

    it.each([
      ['pauses', false],
      ['advances', true],
    ])(
      'row 3, laptop sleep (monotonic clock %s): renews at once on wake and never hands out an expired secret',
      async (_, monotonicAdvances) => {
        const { backend, controller, env, trueValidityOf, expectNothingLeft } = setup();
        controller.start();
        await vi.advanceTimersByTimeAsync(100);
        env.sleep(20 * MINUTE, { monotonicAdvances });
        // A caller that runs before any wake-up event still gets a valid secret.
        const secret = controller.getClientSecret(null);
        await vi.advanceTimersByTimeAsync(100);
        expect(await secret).toBe('ek_test_2');
        expect(trueValidityOf(await secret)).toBeGreaterThan(9 * MINUTE);
        env.sleep(20 * MINUTE, { monotonicAdvances });
        env.dispatch('pageshow');
        expect(controller.getState().status).toBe('loading');
        await vi.advanceTimersByTimeAsync(100);
        expect(backend.reasons).toEqual(['initial', 'on-demand', 'wake']);
        expect(trueValidityOf(controller.getState().clientSecret ?? '')).toBeGreaterThan(9 * MINUTE);
        await expectNothingLeft();
      },
    );

    it('row 4, background throttling: a caller gets a valid secret though the renewal timer fires minutes late', async () => {
      const { backend, controller, env, trueValidityOf, expectNothingLeft } = setup();
      // Throttling: every timer of this tab fires six minutes late.
      const throttled = env.environment.setTimeout;
      env.environment.setTimeout = (callback, ms) => throttled(callback, ms + 6 * MINUTE);
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      expect(backend.requests).toBe(1);
      await vi.advanceTimersByTimeAsync(9 * MINUTE + 40 * SECOND);
      const secret = controller.getClientSecret(null);
      await vi.advanceTimersByTimeAsync(100);
      expect(trueValidityOf(await secret)).toBeGreaterThanOrEqual(30 * SECOND);
      await expectNothingLeft();
    });

    it.each([
      ['+1 h', 60 * MINUTE],
      ['-1 h', -60 * MINUTE],
      ['+10 min', 10 * MINUTE],
      ['-10 min', -10 * MINUTE],
    ])(
      'row 5, client clock %s: schedules from the server clock exactly as with a right clock',
      async (_, clockOffsetMs) => {
        const right = setup();
        const skewed = setup({ clockOffsetMs });
        right.controller.start();
        skewed.controller.start();
        await vi.advanceTimersByTimeAsync(100);
        const rightState = right.controller.getState();
        const skewedState = skewed.controller.getState();
        expect((skewedState.expiresAt ?? 0) - clockOffsetMs).toBe(rightState.expiresAt);
        expect((skewedState.refreshAt ?? 0) - clockOffsetMs).toBe(rightState.refreshAt);
        await vi.advanceTimersByTimeAsync(60 * MINUTE);
        expect(skewed.backend.requests).toBe(right.backend.requests);
        expect(skewed.backend.requests).toBeLessThanOrEqual(10);
        skewed.controller.dispose();
        await right.expectNothingLeft();
        expect(skewed.env.listenerCount()).toBe(0);
      },
    );

    it('row 5, clock jumps mid-session: forward renews early, backward changes nothing', async () => {
      const { backend, controller, env, trueValidityOf, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(2 * MINUTE);
      env.jumpWallClock(-60 * MINUTE);
      await vi.advanceTimersByTimeAsync(0);
      expect(backend.requests).toBe(1);
      // The monotonic clock still brings the renewal on time.
      await vi.advanceTimersByTimeAsync(6 * MINUTE);
      expect(backend.requests).toBe(2);
      env.jumpWallClock(+120 * MINUTE);
      const secret = controller.getClientSecret(null);
      await vi.advanceTimersByTimeAsync(100);
      expect(backend.requests).toBe(3);
      expect(trueValidityOf(await secret)).toBeGreaterThan(9 * MINUTE);
      await expectNothingLeft();
    });

    it.each([5, 30])(
      'row 6, %i-second sessions: renew without a loop and always hand out a valid secret',
      async (lifetimeSeconds) => {
        const idle = setup({ lifetimeSeconds });
        idle.controller.start();
        await vi.advanceTimersByTimeAsync(120 * SECOND);
        // Alone, renewals keep to the minimum spacing (5 s) or 70–80 % of the (Date-rounded) lifetime.
        const spacing = Math.max(5, 0.7 * (lifetimeSeconds - 1));
        expect(idle.backend.requests).toBeLessThanOrEqual(Math.ceil(120 / spacing) + 1);
        expect(idle.backend.requests).toBeGreaterThanOrEqual(Math.floor(120 / (lifetimeSeconds + 1)));
        idle.controller.dispose();

        const { backend, controller, trueValidityOf, expectNothingLeft } = setup({ lifetimeSeconds });
        controller.start();
        for (let second = 0; second < 120; second += 1) {
          await vi.advanceTimersByTimeAsync(SECOND);
          const secret = controller.getClientSecret(null);
          await vi.advanceTimersByTimeAsync(60);
          expect(trueValidityOf(await secret)).toBeGreaterThan(0);
        }
        // A caller every second needs a secret with a quarter of its life left: still no more than one per 2.5 s.
        expect(backend.requests).toBeLessThanOrEqual(120 / 2.5);
        await expectNothingLeft();
      },
    );

    it('row 7, timer overflow and absurd expires_at: timers stay in bounds, bad values are typed errors', async () => {
      const { backend, controller, env, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
      expect(Math.max(...env.timerDelays)).toBeLessThanOrEqual(30 * SECOND);
      controller.dispose();

      for (const [expiresAt, message] of [
        [Date.now() + 10 * MINUTE, /milliseconds/],
        [Math.floor(Date.now() / 1000) - 60, /expired \d+ s ago/],
        [-5, /not negative/],
      ] as const) {
        const bad = setup();
        bad.backend.script({ kind: 'session', patch: { expires_at: expiresAt } });
        bad.controller.start();
        await vi.advanceTimersByTimeAsync(60 * MINUTE);
        const { error, status } = bad.controller.getState();
        expect(status).toBe('error');
        expect(error).toBeInstanceOf(ChatSessionError);
        expect(error?.kind).toBe('invalid_response');
        expect(error?.message).toMatch(message);
        expect(bad.backend.requests).toBe(1);
        await bad.expectNothingLeft();
      }
      expect(backend.requests).toBeGreaterThan(0);
      await expectNothingLeft();
    });

    it.each([
      ['network error', { kind: 'network' } as const, 'network'],
      ['503', { kind: 'status', status: 503 } as const, 'server'],
      ['429', { kind: 'status', status: 429 } as const, 'rate_limited'],
      ['408', { kind: 'status', status: 408 } as const, 'server'],
      ['timeout', { kind: 'hang' } as const, 'timeout'],
    ])('row 8, a transient %s keeps the still-valid session and retries', async (_, fault, kind) => {
      const { backend, controller, states, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      backend.script(fault);
      const duringBackoff: Promise<string>[] = [];
      controller.subscribe((state) => {
        if (state.error && state.status === 'active') duringBackoff.push(controller.getClientSecret(null));
      });
      await vi.advanceTimersByTimeAsync((controller.getState().refreshAt ?? 0) - Date.now() + 20 * SECOND);
      const failed = states.find((state) => state.error);
      expect(failed?.error).toMatchObject({ kind, retryable: true });
      expect(failed).toMatchObject({ status: 'active', clientSecret: 'ek_test_1', attempt: 1 });
      expect(await Promise.all(duringBackoff)).toEqual(['ek_test_1']);
      expect(backend.requests).toBe(3);
      expect(controller.getState()).toMatchObject({
        status: 'active',
        clientSecret: 'ek_test_3',
        error: null,
        attempt: 0,
      });
      await expectNothingLeft();
    });

    it.each([400, 401, 403, 404])('row 9, a %i stops renewal until refresh(), with no storm', async (status) => {
      const { backend, controller, expectNothingLeft } = setup();
      backend.script({ kind: 'status', status });
      controller.start();
      await vi.advanceTimersByTimeAsync(60 * MINUTE);
      expect(backend.requests).toBe(1);
      const { error } = controller.getState();
      expect(error).toMatchObject({ status, retryable: false, requestId: 'req_1' });
      await expect(controller.getClientSecret(null)).rejects.toBe(error);
      expect(backend.requests).toBe(1);
      const recovered = controller.refresh();
      await vi.advanceTimersByTimeAsync(100);
      expect((await recovered).client_secret).toBe('ek_test_2');
      expect(controller.getState()).toMatchObject({ status: 'active', error: null });
      await expectNothingLeft();
    });

    it('row 9, a permanent 503 backs off exponentially with a cap, and Retry-After is honoured', async () => {
      const { backend, controller, expectNothingLeft } = setup();
      backend.failWith(() => ({ kind: 'status', status: 503 }));
      controller.start();
      await vi.advanceTimersByTimeAsync(30 * MINUTE);
      // Capped at 60 s, full jitter: about 30 s apart on average, never the hundreds a loop would make.
      expect(backend.requests).toBeGreaterThan(20);
      expect(backend.requests).toBeLessThan(120);
      controller.dispose();

      const limited = setup();
      limited.backend.script({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
      limited.controller.start();
      await vi.advanceTimersByTimeAsync(100);
      expect(limited.controller.getState().error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
      await vi.advanceTimersByTimeAsync(29 * SECOND);
      expect(limited.backend.requests).toBe(1);
      await vi.advanceTimersByTimeAsync(SECOND + 100);
      expect(limited.backend.requests).toBe(2);
      await limited.expectNothingLeft();
      await expectNothingLeft();
    });

    it('row 11, a hidden tab sends no scheduled renewal or retry, yet a caller there gets a valid secret', async () => {
      const { backend, controller, env, trueValidityOf, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      env.setVisible(false);
      backend.script({ kind: 'status', status: 502 });
      // Past the renewal point and the expiry: nothing goes out while nobody can see the page.
      await vi.advanceTimersByTimeAsync(11 * MINUTE);
      expect(backend.requests).toBe(1);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null });
      // ChatKit in the background tab asks: the first answer fails, its own next ask gets a fresh secret.
      const failed = controller.getClientSecret().catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(await failed).toMatchObject({ status: 502 });
      const next = controller.getClientSecret();
      await vi.advanceTimersByTimeAsync(SECOND);
      const secret = await next;
      expect(trueValidityOf(secret)).toBeGreaterThan(9 * MINUTE);
      expect(backend.requests).toBe(3);
      // Visible again with a fresh session: nothing to do.
      env.setVisible(true);
      await vi.advanceTimersByTimeAsync(100);
      expect(backend.requests).toBe(3);
      await expectNothingLeft();
    });

    it('row 8, offline: the due renewal is tried once, retries wait for the network without a busy timer', async () => {
      const { backend, controller, env, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      env.setOnline(false);
      backend.failWith(() => ({ kind: 'network' }));
      const timersBefore = env.timerDelays.length;
      await vi.advanceTimersByTimeAsync(10 * MINUTE);
      // One attempt when due (the device may be wrong about being offline), then nothing until it is back.
      expect(backend.requests).toBe(2);
      expect(controller.getState().error?.kind).toBe('network');
      // Chunks of at most 30 s, plus a few per request (its timeout, and the expiry watch while it is in flight).
      expect(env.timerDelays.length - timersBefore).toBeLessThanOrEqual(10 * 2 + 6);
      expect(env.timerDelays.slice(timersBefore).every((ms) => ms > 0)).toBe(true);
      backend.failWith(() => undefined);
      env.setOnline(true);
      await vi.advanceTimersByTimeAsync(100);
      expect(backend.requests).toBe(3);
      expect(backend.reasons.at(-1)).toBe('retry');
      expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_3', error: null });
      await expectNothingLeft();
    });

    it('row 8, a device that wrongly reports offline still renews on time', async () => {
      const { backend, controller, env, trueValidityOf, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      env.setOnline(false);
      await vi.advanceTimersByTimeAsync(9 * MINUTE);
      expect(backend.requests).toBe(2);
      expect(trueValidityOf(controller.getState().clientSecret ?? '')).toBeGreaterThan(5 * MINUTE);
      await expectNothingLeft();
    });

    it('row 12, 1000 start/stop/dispose cycles leave no timer and no listener', async () => {
      const { backend, env } = setup();
      for (let cycle = 0; cycle < 1000; cycle += 1) {
        const controller = createChatSessionController({
          fetchSession: backend.fetchSession,
          environment: env.environment,
        });
        controller.subscribe(() => {});
        controller.start();
        controller.stop();
        controller.start();
        if (cycle % 2) await vi.advanceTimersByTimeAsync(60);
        controller.dispose();
      }
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(0);
      expect(env.listenerCount()).toBe(0);
    });

    it('row 13, 100 visibility and focus toggles on a fresh session make no request and notify nobody', async () => {
      const { backend, controller, env, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      const notified = vi.fn();
      controller.subscribe(notified);
      const state = controller.getState();
      for (let toggle = 0; toggle < 100; toggle += 1) {
        env.setVisible(toggle % 2 === 1);
        env.dispatch('focus');
        env.dispatch('online');
        env.dispatch('pageshow');
      }
      await vi.advanceTimersByTimeAsync(0);
      expect(backend.requests).toBe(1);
      expect(notified).not.toHaveBeenCalled();
      expect(controller.getState()).toBe(state);
      await expectNothingLeft();
    });

    it('row 14, a result that lands after reset() or dispose() is dropped', async () => {
      const { backend, controller, states, expectNothingLeft } = setup({ latencyMs: 5 * SECOND });
      controller.start();
      const waiting = controller.getClientSecret(null);
      await vi.advanceTimersByTimeAsync(SECOND);
      controller.reset();
      await expect(waiting).rejects.toMatchObject({ kind: 'disposed' });
      await vi.advanceTimersByTimeAsync(10 * SECOND);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null });
      expect(states.some((state) => state.clientSecret !== null)).toBe(false);

      controller.start();
      await vi.advanceTimersByTimeAsync(SECOND);
      controller.dispose();
      await vi.advanceTimersByTimeAsync(10 * SECOND);
      expect(controller.getState().clientSecret).toBeNull();
      expect(backend.requests).toBe(2);
      await expect(controller.getClientSecret(null)).rejects.toMatchObject({ kind: 'disposed' });
      await expectNothingLeft();
    });
  });

  describe('getClientSecret', () => {
    it('never hands back the secret ChatKit is asking to replace', async () => {
      const { backend, controller, expectNothingLeft } = setup();
      const first = controller.getClientSecret(null);
      await vi.advanceTimersByTimeAsync(100);
      expect(await first).toBe('ek_test_1');
      const second = controller.getClientSecret('ek_test_1');
      await vi.advanceTimersByTimeAsync(100);
      expect(await second).toBe('ek_test_2');
      expect(backend.reasons).toEqual(['initial', 'on-demand']);
      // An older secret than the current one gets the current one without a request.
      expect(await controller.getClientSecret('ek_test_1')).toBe('ek_test_2');
      expect(backend.requests).toBe(2);
      await expectNothingLeft();
    });

    it('stops showing a refused secret as usable when its replacement fails with a stopping error', async () => {
      const { backend, controller, expectNothingLeft } = setup();
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_1' });
      // The app's server refused ek_test_1 (a 401), and the token endpoint now answers 401 too (signed out).
      backend.script({ kind: 'status', status: 401 });
      const replacement = controller.getClientSecret('ek_test_1');
      const settled = replacement.catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(100);
      expect(await settled).toMatchObject({ kind: 'unauthorized' });
      // Not `active` with the refused secret: the gate shows its error view and "Try again".
      expect(controller.getState()).toMatchObject({ status: 'error', clientSecret: null, session: null });
      // A later caller without a secret gets the error too, and no request is sent until refresh().
      await expect(controller.getClientSecret()).rejects.toMatchObject({ kind: 'unauthorized' });
      expect(backend.requests).toBe(2);
      const refreshed = controller.refresh();
      await vi.advanceTimersByTimeAsync(100);
      await refreshed;
      expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_3' });
      await expectNothingLeft();
    });

    it('rejects with the typed error when there is no valid secret to fall back on', async () => {
      const { backend, controller, expectNothingLeft } = setup();
      backend.script({ kind: 'network' });
      const secret = controller.getClientSecret(null);
      const settled = expect(secret).rejects.toMatchObject({ kind: 'network', retryable: true });
      await vi.advanceTimersByTimeAsync(100);
      await settled;
      expect(controller.getState().status).toBe('error');
      await expectNothingLeft();
    });

    it('waits out Retry-After instead of sending each caller to the rate-limited backend', async () => {
      const { backend, controller, expectNothingLeft } = setup();
      backend.script({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
      controller.start();
      await vi.advanceTimersByTimeAsync(100);
      const calls = Array.from({ length: 20 }, () => controller.getClientSecret(null).catch((error) => error));
      for (const outcome of await Promise.all(calls)) expect(outcome).toMatchObject({ kind: 'rate_limited' });
      expect(backend.requests).toBe(1);
      await expectNothingLeft();
    });
  });
});
