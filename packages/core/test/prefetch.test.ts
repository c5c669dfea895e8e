import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINUTE, SECOND } from './lifecycleScenario.js';
import { setupDefaultController, startWithUnneededSession } from './setupDefaultController.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController with the default options', () => {
  describe('prefetch', () => {
    it('fetches one session on a stopped controller, which the next getClientSecret takes with no request', async () => {
      const { backend, controller, expectNothingLeft } = setupDefaultController();
      const prefetched = controller.prefetch();
      await vi.advanceTimersByTimeAsync(0);
      expect(backend.requests).toBe(1);
      await vi.advanceTimersByTimeAsync(SECOND);
      await expect(prefetched).resolves.toBeUndefined();
      expect(await controller.getClientSecret()).toBe('ek_test_1');
      expect(backend.requests).toBe(1);
      // The backend can tell a prefetch on intent from a caller who needed one.
      expect(backend.reasons).toEqual(['prefetch']);
      // Stopped, it arms nothing.
      expect(vi.getTimerCount()).toBe(0);
      await expectNothingLeft();
    });

    it('resolves once its session is there when start() comes while it is on its way (a route loader awaits it)', async () => {
      const { backend, controller, expectNothingLeft } = setupDefaultController({ latencyMs: 5 * SECOND });
      let settled = false;
      const prefetched = controller.prefetch().then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(SECOND);
      controller.start();
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(5 * SECOND);
      await prefetched;
      expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_1' });
      expect(backend.requests).toBe(1);
      controller.stop();
      await expectNothingLeft();
    });

    it('ends, fetching nothing more, when stop() cuts its request short: the intent passed with it (a user switch)', async () => {
      const { backend, controller, typesOf, expectNothingLeft } = setupDefaultController({ latencyMs: 5 * SECOND });
      controller.start();
      const prefetched = controller.prefetch();
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(backend.requests).toBe(1);
      controller.stop();
      controller.start();
      await vi.advanceTimersByTimeAsync(10 * MINUTE);
      await expect(prefetched).resolves.toBeUndefined();
      expect(backend.requests).toBe(1);
      expect(typesOf()).toEqual(['request', 'failure']);
      controller.stop();
      await expectNothingLeft();
    });

    it('makes no request while a usable session is held', async () => {
      const { backend, controller, expectNothingLeft } = setupDefaultController();
      await startWithUnneededSession(controller);
      await controller.prefetch();
      await controller.prefetch();
      expect(backend.requests).toBe(1);
      await expectNothingLeft();
    });

    it('joins the request on its way: prefetch and getClientSecret together make one request', async () => {
      const { backend, controller, expectNothingLeft } = setupDefaultController();
      const prefetched = controller.prefetch();
      const asked = controller.getClientSecret();
      controller.start();
      const again = controller.prefetch();
      await vi.advanceTimersByTimeAsync(SECOND);
      await Promise.all([prefetched, again]);
      expect(await asked).toBe('ek_test_1');
      expect(backend.requests).toBe(1);
      await expectNothingLeft();
    });

    it('resolves, never rejects, when the request fails, and the state carries the error', async () => {
      const { backend, controller, expectNothingLeft } = setupDefaultController();
      backend.script({ kind: 'status', status: 503 });
      const prefetched = controller.prefetch();
      await vi.advanceTimersByTimeAsync(SECOND);
      await expect(prefetched).resolves.toBeUndefined();
      expect(backend.requests).toBe(1);
      expect(controller.getState()).toMatchObject({ status: 'error', clientSecret: null, attempt: 1 });
      expect(controller.getState().error).toMatchObject({ kind: 'server', status: 503, retryable: true });
      await expectNothingLeft();
    });
  });
});
