import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOUR, SECOND } from './lifecycleScenario.js';
import { LIFETIME_MS, renewalLead } from './renewalLead.js';
import { advanceTo, setupDefaultController } from './setupDefaultController.js';
import { MIN_VALIDITY_MS } from './tabsDefaults.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController with the default options', () => {
  describe('the adaptive renewal point', () => {
    /** Starts a held controller on a backend of this latency and reads its first schedule. */
    async function firstSchedule(latencyMs: number) {
      const run = setupDefaultController({ latencyMs });
      run.controller.start();
      run.controller.hold();
      await vi.advanceTimersByTimeAsync(latencyMs + SECOND);
      const { refreshAt, expiresAt } = run.controller.getState();
      await run.expectNothingLeft();
      return { leadMs: (expiresAt ?? 0) - (refreshAt ?? 0), expiresAt: expiresAt ?? 0 };
    }

    it('renews within the last minute, the time three quick requests take and 5 % of the lifetime', async () => {
      const { leadMs } = await firstSchedule(100);
      const { shortest, longest } = renewalLead(100);
      expect(leadMs).toBeGreaterThanOrEqual(shortest);
      expect(leadMs).toBeLessThanOrEqual(longest);
      expect(leadMs).toBeLessThan(MIN_VALIDITY_MS + 0.05 * LIFETIME_MS + 4 * SECOND);
    });

    it('renews earlier by three times the extra latency on a slow backend', async () => {
      const fast = await firstSchedule(100);
      const slow = await firstSchedule(8 * SECOND);
      const { shortest, longest } = renewalLead(8 * SECOND);
      expect(slow.leadMs).toBeGreaterThanOrEqual(shortest);
      expect(slow.leadMs).toBeLessThanOrEqual(longest);
      // The same seed draws the same spread: the difference is the latency alone.
      expect(slow.leadMs - fast.leadMs).toBeCloseTo(3 * (8 * SECOND - 100), -3);
    });

    it('lands the successor with a minute left on the secret held when two renewal attempts fail', async () => {
      const { backend, controller, events, trueValidityOf, expectNothingLeft } = setupDefaultController();
      controller.start();
      controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      backend.script({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
      const { refreshAt } = controller.getState();
      await advanceTo((refreshAt ?? 0) - SECOND);
      // Callers ask every 250 ms through the failures.
      const handedOut: number[] = [];
      while (backend.requests < 4 || controller.getState().status !== 'active') {
        handedOut.push(trueValidityOf(await controller.getClientSecret()));
        await vi.advanceTimersByTimeAsync(250);
      }
      expect(backend.reasons).toEqual(['initial', 'scheduled', 'retry', 'retry']);
      const renewal = events.findLast((event) => event.type === 'renewal');
      expect(renewal).toMatchObject({ attempt: 3, reason: 'retry' });
      expect(trueValidityOf('ek_test_1') + (Date.now() - (renewal?.at ?? 0))).toBeGreaterThanOrEqual(MIN_VALIDITY_MS);
      expect(Math.min(...handedOut)).toBeGreaterThanOrEqual(MIN_VALIDITY_MS);
      await expectNothingLeft();
    });

    it('keeps every caller on a secret with a minute left for an hour in which each renewal fails twice', async () => {
      const { backend, controller, trueValidityOf, expectNothingLeft } = setupDefaultController();
      controller.start();
      controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      let attempt = 0;
      backend.failWith(() => {
        attempt += 1;
        return attempt % 3 === 0 ? undefined : { kind: 'status', status: 503 };
      });
      const handedOut: number[] = [];
      const end = Date.now() + HOUR;
      while (Date.now() < end) {
        handedOut.push(trueValidityOf(await controller.getClientSecret()));
        await vi.advanceTimersByTimeAsync(SECOND);
      }
      expect(backend.requests).toBeGreaterThanOrEqual(1 + 3 * 6);
      expect(backend.reasons.filter((reason) => reason === 'on-demand')).toEqual([]);
      expect(Math.min(...handedOut)).toBeGreaterThanOrEqual(MIN_VALIDITY_MS);
      await expectNothingLeft();
    });
  });
});
