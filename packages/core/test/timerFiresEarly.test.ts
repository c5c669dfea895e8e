import { describe, expect, it } from 'vitest';
import { type ChatSessionEnvironment, createChatSessionController } from '../src/index.js';

const BASE_MS = 1_800_000_000_000;

/**
 * A clock as browsers have one: `performance.now()` has fractions, `Date.now()` whole milliseconds, a timer's delay is
 * truncated to whole milliseconds (so a timer may fire a fraction before the instant it was set for), and time moves
 * while code runs: each read of a clock moves it by `msPerRead`.
 */
function createBrowserLikeClock() {
  const timers = new Map<number, { due: number; callback: () => void; ms: number }>();
  let lastId = 0;
  let mono = 0;
  let msPerRead = 0;
  const read = () => {
    mono += msPerRead;
    return mono;
  };
  const environment: Partial<ChatSessionEnvironment> = {
    now: () => Math.floor(BASE_MS + read()),
    monotonicNow: read,
    setTimeout: (callback, ms) => {
      lastId += 1;
      timers.set(lastId, { due: mono + Math.trunc(ms), callback, ms });
      return lastId;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    isVisible: () => true,
    isOnline: () => true,
    eventTarget: null,
    random: () => 0.5,
  };
  return {
    environment,
    nowSeconds: () => Math.floor((BASE_MS + mono) / 1000),
    pendingDelays: () => [...timers.values()].map((timer) => timer.ms),
    /** Fires the earliest timer at its truncated instant, time moving `perReadMs` on each clock read meanwhile. */
    fireNext(perReadMs: number) {
      const [id, next] = [...timers.entries()].sort((a, b) => a[1].due - b[1].due)[0] ?? [];
      if (id === undefined || !next) throw new Error('no timer is armed');
      timers.delete(id);
      mono = next.due;
      msPerRead = perReadMs;
      next.callback();
      msPerRead = 0;
    },
    set msPerRead(ms: number) {
      msPerRead = ms;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createChatSessionController on a browser-like clock', () => {
  it.each([0.05, 0.2, 0.3])(
    'sends the retry after a 429 when its timer fires a fraction early (%f ms per clock read)',
    async (msPerRead) => {
      const clock = createBrowserLikeClock();
      const reasons: string[] = [];
      const controller = createChatSessionController({
        // The first request and its retry on the controller's own schedule, with no caller.
        keepWarm: true,
        environment: clock.environment,
        fetchSession: async ({ reason }) => {
          reasons.push(reason);
          if (reasons.length === 1) return new Response('{}', { status: 429, headers: { 'Retry-After': '3' } });
          return { client_secret: `ek_${reasons.length}`, expires_at: clock.nowSeconds() + 600 };
        },
      });
      // The retry is armed at a fractional instant, so its truncated timer fires a fraction early.
      clock.msPerRead = 0.3;
      controller.start();
      await settle();
      await settle();
      clock.msPerRead = 0;
      expect(reasons).toEqual(['initial']);
      clock.fireNext(msPerRead);
      await settle();
      // At worst the retry waits for a timer of a millisecond or two, never for a 30 s poll.
      if (reasons.length === 1) {
        expect(Math.max(...clock.pendingDelays())).toBeLessThanOrEqual(2);
        clock.fireNext(0);
        await settle();
      }
      expect(reasons).toEqual(['initial', 'retry']);
      await settle();
      expect(controller.getState().clientSecret).toBe('ek_2');
      controller.dispose();
    },
  );
});
