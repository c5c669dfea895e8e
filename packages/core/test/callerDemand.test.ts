import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINUTE, SECOND } from './lifecycleScenario.js';
import { advanceTo, setupDefaultController, startWithUnneededSession } from './setupDefaultController.js';
import { MIN_VALIDITY_MS } from './tabsDefaults.js';

// getClientSecret callers as demand, and calls parked by stop().
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController with the default options', () => {
  describe('getClientSecret calls as demand', () => {
    it('keeps the next renewal when a call came within the lifetime, and lapses after a lifetime without one', async () => {
      const { backend, controller, typesOf, expectNothingLeft } = setupDefaultController();
      await startWithUnneededSession(controller);
      await vi.advanceTimersByTimeAsync(5 * MINUTE);
      expect(controller.getState().refreshAt).toBeNull();
      const asked = controller.getClientSecret();
      expect(await asked).toBe('ek_test_1');
      expect(backend.requests).toBe(1);
      // The call is a need: the renewal point is back.
      const { refreshAt, expiresAt } = controller.getState();
      expect(refreshAt).not.toBeNull();
      await advanceTo((refreshAt ?? 0) + SECOND);
      expect(backend.reasons).toEqual(['initial', 'scheduled']);
      expect((refreshAt ?? 0) < (expiresAt ?? 0) - MIN_VALIDITY_MS).toBe(true);

      // No call since: the next renewal point falls more than a lifetime after it, so the session lapses.
      const second = controller.getState();
      await advanceTo((second.expiresAt ?? 0) + SECOND);
      expect(backend.requests).toBe(2);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null, refreshAt: null });
      expect(typesOf().slice(-2)).toEqual(['lapse', 'expiry']);
      await expectNothingLeft();
    });

    it('keeps renewing on schedule for an hour of calls every four minutes, and no caller waits', async () => {
      const { backend, controller, trueValidityOf, expectNothingLeft } = setupDefaultController();
      await startWithUnneededSession(controller);
      const validities: number[] = [];
      for (let minute = 4; minute <= 60; minute += 4) {
        await advanceTo(Date.now() + 4 * MINUTE);
        const requests = backend.requests;
        const secret = await controller.getClientSecret();
        expect(backend.requests).toBe(requests);
        validities.push(trueValidityOf(secret));
      }
      expect(Math.min(...validities)).toBeGreaterThanOrEqual(MIN_VALIDITY_MS);
      expect(backend.reasons.slice(1).every((reason) => reason === 'scheduled')).toBe(true);
      expect(backend.requests).toBeGreaterThanOrEqual(7);
      await expectNothingLeft();
    });
  });

  describe('calls parked by stop()', () => {
    it('answers one resumed within a lifetime, and ends one resumed later, fetching nothing for it', async () => {
      const { backend, controller, expectNothingLeft } = setupDefaultController({ lifetimeSeconds: 60 });
      await startWithUnneededSession(controller);
      await advanceTo((controller.getState().expiresAt ?? 0) + SECOND);
      // A caller waits on a request that stop() cuts short (its user switched away), then start() resumes within the
      // lifetime: it is answered.
      const soon = controller.getClientSecret();
      await vi.advanceTimersByTimeAsync(10);
      controller.stop();
      await vi.advanceTimersByTimeAsync(30 * SECOND);
      controller.start();
      await vi.advanceTimersByTimeAsync(SECOND);
      await expect(soon).resolves.toMatch(/^ek_test_/);
      const answered = backend.requests;
      // Another waits, and start() comes back four minutes later: the chat that asked is long gone.
      await advanceTo((controller.getState().expiresAt ?? 0) + 2 * MINUTE);
      const late = controller.getClientSecret().catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(10);
      expect(backend.requests).toBe(answered + 1);
      controller.stop();
      await vi.advanceTimersByTimeAsync(4 * MINUTE);
      controller.start();
      await vi.advanceTimersByTimeAsync(10 * MINUTE);
      expect(await late).toMatchObject({ kind: 'disposed' });
      expect(backend.requests).toBe(answered + 1);
      controller.stop();
      await expectNothingLeft();
    });
  });
});
