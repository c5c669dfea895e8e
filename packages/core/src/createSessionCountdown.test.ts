import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend } from '../test/createTestBackend.js';
import { createTestEnvironment } from '../test/createTestEnvironment.js';
import { createChatSessionController, createSessionCountdown } from './index.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createSessionCountdown', () => {
  it('counts down once a second while subscribed, and leaves no timer after the last unsubscribe', async () => {
    const env = createTestEnvironment();
    const backend = createTestBackend({ lifetimeSeconds: 30, latencyMs: 0 });
    const controller = createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: env.environment,
      // Renewing with nothing else asking, so the countdown has a renewal to count down to.
      keepWarm: true,
    });
    const countdown = createSessionCountdown(controller, env.environment);
    expect(countdown.getSnapshot()).toEqual({ secondsLeft: null, secondsUntilRefresh: null });
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    const seen: (number | null)[] = [];
    const stop = countdown.subscribe(() => seen.push(countdown.getSnapshot().secondsLeft));
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen.slice(0, 4)).toEqual([29, 28, 27, 26]);
    expect(countdown.getSnapshot()).toBe(countdown.getSnapshot());
    stop();
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
