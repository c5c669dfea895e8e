import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINUTE, SECOND } from './lifecycleScenario.js';
import { advanceTo, setupDefaultController } from './setupDefaultController.js';
import { MIN_VALIDITY_MS } from './tabsDefaults.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController with the default options', () => {
  describe('a hidden page', () => {
    it('sends nothing on its schedule while hidden, yet a caller there gets a fresh secret at once', async () => {
      const { backend, controller, env, events, trueValidityOf, expectNothingLeft } = setupDefaultController();
      controller.start();
      const release = controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      env.setVisible(false);
      // Past the renewal point and the expiry.
      await vi.advanceTimersByTimeAsync(11 * MINUTE);
      expect(backend.requests).toBe(1);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null });
      expect(events.at(-1)?.type).toBe('expiry');

      const asked = controller.getClientSecret();
      await vi.advanceTimersByTimeAsync(0);
      expect(backend.requests).toBe(2);
      await vi.advanceTimersByTimeAsync(SECOND);
      const secret = await asked;
      expect(trueValidityOf(secret)).toBeGreaterThan(9 * MINUTE);
      expect(backend.requests).toBe(2);
      release();
      await expectNothingLeft();
    });

    it('asks for the next session on demand, not as the first, when a hidden caller finds the held one expired', async () => {
      const { backend, controller, env, expectNothingLeft } = setupDefaultController();
      controller.start();
      controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      env.setVisible(false);
      await vi.advanceTimersByTimeAsync(11 * MINUTE);
      const asked = controller.getClientSecret();
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(await asked).toBe('ek_test_2');
      // `initial` is documented as the first session; the backend's logs should read this one as a caller's need.
      expect(backend.reasons).toEqual(['initial', 'on-demand']);
      await expectNothingLeft();
    });

    it('renews at once, for the wake, when it turns visible past the renewal point', async () => {
      const { backend, controller, env, trueValidityOf, expectNothingLeft } = setupDefaultController();
      controller.start();
      controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      const { refreshAt, expiresAt } = controller.getState();
      env.setVisible(false);
      await advanceTo((refreshAt ?? 0) + SECOND);
      expect(backend.requests).toBe(1);
      env.setVisible(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(backend.requests).toBe(2);
      expect(backend.reasons).toEqual(['initial', 'wake']);
      expect(controller.getState()).toMatchObject({ status: 'refreshing', clientSecret: 'ek_test_1' });
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(controller.getState().clientSecret).toBe('ek_test_2');
      expect(trueValidityOf('ek_test_1')).toBeGreaterThanOrEqual(MIN_VALIDITY_MS);
      expect(controller.getState().expiresAt).toBeGreaterThan((expiresAt ?? 0) + 5 * MINUTE);
      await expectNothingLeft();
    });

    it('holds its retries while hidden and sends one when visible again', async () => {
      const { backend, controller, env, expectNothingLeft } = setupDefaultController();
      controller.start();
      controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      backend.script({ kind: 'status', status: 503 });
      // Hidden while the renewal is on its way: it fails there, and its retry waits.
      await advanceTo((controller.getState().refreshAt ?? 0) + 50);
      expect(backend.requests).toBe(2);
      env.setVisible(false);
      await vi.advanceTimersByTimeAsync(30 * SECOND);
      expect(controller.getState().error).toMatchObject({ status: 503 });
      expect(backend.requests).toBe(2);
      env.setVisible(true);
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(backend.requests).toBe(3);
      expect(backend.reasons.at(-1)).toBe('retry');
      expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_3', error: null });
      await expectNothingLeft();
    });

    it('sends no second request on a hidden page when a renewal lands too late to use after a sleep', async () => {
      const { backend, controller, env, events, typesOf, expectNothingLeft } = setupDefaultController();
      controller.start();
      controller.hold();
      await vi.advanceTimersByTimeAsync(0);
      expect(backend.requests).toBe(1);
      // The laptop sleeps with the first request on its way and wakes hidden: the answer lands past the lifetime the
      // controller measures from the request's start, so it is discarded. Nobody waits for a secret.
      env.setVisible(false);
      env.sleep(15 * MINUTE);
      await vi.advanceTimersByTimeAsync(5 * SECOND);
      expect(typesOf(events.slice(0, 2))).toEqual(['request', 'failure']);
      expect(backend.requests).toBe(1);
      env.setVisible(true);
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(backend.requests).toBe(2);
      expect(controller.getState().status).toBe('active');
      await expectNothingLeft();
    });

    it('fetches nothing for a page that loads hidden until it turns visible', async () => {
      const { backend, controller, env, expectNothingLeft } = setupDefaultController();
      env.setVisible(false);
      controller.start();
      controller.hold();
      await vi.advanceTimersByTimeAsync(10 * MINUTE);
      expect(backend.requests).toBe(0);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null });
      env.setVisible(true);
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(backend.reasons).toEqual(['initial']);
      expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_1' });
      await expectNothingLeft();
    });
  });
});
