import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOUR, MINUTE, SECOND } from './lifecycleScenario.js';
import { LIFETIME_MS, renewalLead } from './renewalLead.js';
import { advanceTo, setupDefaultController, startWithUnneededSession } from './setupDefaultController.js';
import { MIN_VALIDITY_MS } from './tabsDefaults.js';

// Renewing only while something needs the credential (a hold, a caller within a lifetime), and lapsing after.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController with the default options', () => {
  describe('renewing for someone', () => {
    it('fetches nothing on start, lets a session nobody needs lapse, then fetches on demand', async () => {
      const { backend, controller, events, trueValidityOf, typesOf, expectNothingLeft } = setupDefaultController();
      controller.start();
      await vi.advanceTimersByTimeAsync(MINUTE);
      // Nothing needs a session yet: no request, and nothing armed.
      expect(backend.requests).toBe(0);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null });
      expect(vi.getTimerCount()).toBe(0);
      controller.stop();
      await startWithUnneededSession(controller);
      const first = controller.getState();
      expect(first).toMatchObject({ status: 'active', clientSecret: 'ek_test_1', refreshAt: null });
      const expiresAt = first.expiresAt ?? 0;

      // Through the latest renewal point, up to a second before expiry: nothing goes out.
      await advanceTo(expiresAt - renewalLead(100).shortest + SECOND);
      expect(backend.requests).toBe(1);
      await advanceTo(expiresAt - SECOND);
      expect(backend.requests).toBe(1);
      expect(controller.getState()).toMatchObject({ clientSecret: 'ek_test_1', refreshAt: null });
      await advanceTo(expiresAt + SECOND);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null, refreshAt: null });
      expect(typesOf()).toEqual(['request', 'renewal', 'lapse', 'expiry']);
      expect(events[2]?.remainingMs).toBeGreaterThan(0);
      expect(events[3]).toMatchObject({ remainingMs: 0 });
      expect(events[3]?.at).toBeGreaterThanOrEqual(expiresAt);
      // Nothing is armed for a session nobody needs.
      expect(vi.getTimerCount()).toBe(0);

      const asked = controller.getClientSecret();
      await vi.advanceTimersByTimeAsync(SECOND);
      const secret = await asked;
      expect(secret).toBe('ek_test_2');
      expect(backend.reasons).toEqual(['initial', 'on-demand']);
      expect(trueValidityOf(secret)).toBeGreaterThanOrEqual(MIN_VALIDITY_MS);
      expect(trueValidityOf(secret)).toBeGreaterThan(9 * MINUTE);
      await expectNothingLeft();
    });

    it('renews on schedule while a hold is out, never showing a short secret, and lapses after its release', async () => {
      const { backend, controller, events, states, trueValidityOf, typesOf, expectNothingLeft } =
        setupDefaultController();
      const short: string[] = [];
      controller.subscribe((state) => {
        if (state.clientSecret !== null && trueValidityOf(state.clientSecret) < MIN_VALIDITY_MS)
          short.push(`${state.clientSecret} at ${new Date(Date.now()).toISOString()}`);
      });
      controller.start();
      const release = controller.hold();
      await vi.advanceTimersByTimeAsync(HOUR);

      const requestTimes = events.filter((event) => event.type === 'request').map((event) => event.at);
      // One request per renewal interval: the lifetime less the renewal lead.
      const { shortest, longest } = renewalLead(100);
      for (let i = 1; i < requestTimes.length; i += 1) {
        const interval = (requestTimes[i] ?? 0) - (requestTimes[i - 1] ?? 0);
        expect(interval).toBeGreaterThanOrEqual(LIFETIME_MS - longest);
        expect(interval).toBeLessThanOrEqual(LIFETIME_MS - shortest + 2);
      }
      expect(backend.requests).toBeGreaterThanOrEqual(1 + Math.floor(HOUR / (LIFETIME_MS - shortest)));
      expect(backend.requests).toBeLessThanOrEqual(1 + Math.ceil(HOUR / (LIFETIME_MS - longest)));
      expect(backend.reasons.slice(1).every((reason) => reason === 'scheduled')).toBe(true);
      expect(typesOf()).not.toContain('lapse');
      expect(short).toEqual([]);
      expect(states.some((state) => state.clientSecret === null && state.status !== 'loading')).toBe(false);

      release();
      release();
      const requests = backend.requests;
      const { expiresAt } = controller.getState();
      await advanceTo((expiresAt ?? 0) + SECOND);
      expect(backend.requests).toBe(requests);
      expect(controller.getState()).toMatchObject({ status: 'idle', clientSecret: null, refreshAt: null });
      expect(typesOf().slice(-2)).toEqual(['lapse', 'expiry']);
      await expectNothingLeft();
    });

    it('renews at once, on demand, when a hold is taken after the renewal point', async () => {
      const { backend, controller, trueValidityOf, expectNothingLeft } = setupDefaultController();
      await startWithUnneededSession(controller);
      const { expiresAt } = controller.getState();
      // Past the earliest renewal point, with the lapsed secret still usable.
      await advanceTo((expiresAt ?? 0) - MIN_VALIDITY_MS - SECOND);
      expect(backend.requests).toBe(1);
      const release = controller.hold();
      await vi.advanceTimersByTimeAsync(0);
      expect(backend.requests).toBe(2);
      expect(backend.reasons).toEqual(['initial', 'on-demand']);
      // The old secret stays in use while its successor is on its way.
      expect(controller.getState()).toMatchObject({ status: 'refreshing', clientSecret: 'ek_test_1' });
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(controller.getState().clientSecret).toBe('ek_test_2');
      expect(trueValidityOf('ek_test_2')).toBeGreaterThan(9 * MINUTE);
      expect(controller.getState().refreshAt).not.toBeNull();
      release();
      await expectNothingLeft();
    });

    it('renews at once when a hold is taken after the lapsed session expired', async () => {
      const { backend, controller, expectNothingLeft } = setupDefaultController();
      await startWithUnneededSession(controller);
      await vi.advanceTimersByTimeAsync(15 * MINUTE);
      expect(controller.getState().status).toBe('idle');
      controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(backend.reasons).toEqual(['initial', 'on-demand']);
      expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_test_2' });
      await expectNothingLeft();
    });

    it('renews with nothing needing the credential when keepWarm is on', async () => {
      const { backend, controller, typesOf, expectNothingLeft } = setupDefaultController({
        options: { keepWarm: true },
      });
      controller.start();
      await vi.advanceTimersByTimeAsync(HOUR);
      const { shortest } = renewalLead(100);
      expect(backend.requests).toBeGreaterThanOrEqual(1 + Math.floor(HOUR / (LIFETIME_MS - shortest)));
      expect(backend.reasons.slice(1).every((reason) => reason === 'scheduled')).toBe(true);
      expect(typesOf()).not.toContain('lapse');
      expect(controller.getState().status).toBe('active');
      await expectNothingLeft();
    });
    it('lets nothing lapse when a hold is released and taken again at once, as StrictMode does; a release for good lapses once the task is over', async () => {
      const { backend, controller, typesOf } = setupDefaultController();
      controller.start();
      const release = controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      // StrictMode's unmount and mount of one effect, in one task.
      release();
      const again = controller.hold();
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(typesOf()).toEqual(['request', 'renewal']);
      expect(controller.getState().refreshAt).not.toBeNull();
      again();
      // Released for good: once the task is over (no timer needed), the renewal is let go and the state says so.
      expect(typesOf()).toEqual(['request', 'renewal']);
      await Promise.resolve();
      expect(typesOf()).toEqual(['request', 'renewal', 'lapse']);
      expect(controller.getState()).toMatchObject({ status: 'active', refreshAt: null });
      expect(backend.requests).toBe(1);
      controller.dispose();
    });
  });
});
