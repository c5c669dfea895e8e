import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatSessionController } from '../src/index.js';
import { createTestBackend, type TestFault } from './createTestBackend.js';
import { createRandom, createTestEnvironment } from './createTestEnvironment.js';
import { FIXED_SCHEDULE } from './fixedSchedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MIN_VALIDITY_MS = 30 * SECOND;

type Event = { at: number; kind: 'caller' } | { at: number; kind: 'sleep'; monotonicAdvances: boolean };

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a simulated day', () => {
  it('keeps 100 callers supplied through a skewed clock, two sleeps and 10 % transient failures', async () => {
    const dayStart = Date.now();
    const random = createRandom(37);
    const env = createTestEnvironment({ clockOffsetMs: 37 * MINUTE, seed: 7 });
    const backend = createTestBackend({ lifetimeSeconds: 600, latencyMs: 200 });
    const transient: TestFault[] = [
      { kind: 'network' },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429, headers: { 'retry-after': '2' } },
    ];
    let injected = 0;
    backend.failWith(() => {
      if (random() >= 0.1) return undefined;
      injected += 1;
      return transient[injected % transient.length];
    });
    const controller = createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: env.environment,
      ...FIXED_SCHEDULE,
      minValidityMs: MIN_VALIDITY_MS,
    });

    const events: Event[] = [
      ...Array.from({ length: 100 }, () => ({ at: dayStart + Math.floor(random() * DAY), kind: 'caller' as const })),
      { at: dayStart + 6 * HOUR, kind: 'sleep', monotonicAdvances: false },
      { at: dayStart + 15 * HOUR, kind: 'sleep', monotonicAdvances: true },
    ];
    events.sort((a, b) => a.at - b.at);

    const received: { validityMs: number; failing: boolean }[] = [];
    const failedCallers: unknown[] = [];
    controller.start();
    for (const event of events) {
      await vi.advanceTimersByTimeAsync(Math.max(0, event.at - Date.now()));
      if (event.kind === 'sleep') {
        env.sleep(20 * MINUTE, { monotonicAdvances: event.monotonicAdvances });
        env.dispatch('visibilitychange');
        continue;
      }
      controller.getClientSecret(null).then(
        (secret) =>
          received.push({
            validityMs: (backend.expiryOf(secret) ?? 0) - Date.now(),
            // The backend was unreachable for this caller if the controller is in the middle of failures.
            failing: controller.getState().error !== null,
          }),
        (error: unknown) => failedCallers.push(error),
      );
    }
    await vi.advanceTimersByTimeAsync(Math.max(0, dayStart + DAY + 40 * MINUTE - Date.now()));

    expect(received.length + failedCallers.length).toBe(100);
    for (const { validityMs, failing } of received) {
      expect(validityMs).toBeGreaterThan(0);
      if (!failing) expect(validityMs).toBeGreaterThanOrEqual(MIN_VALIDITY_MS);
    }
    // Failures happen only while the backend fails; most callers never see one.
    expect(failedCallers.length).toBeLessThanOrEqual(injected);

    // Renewals at 70–80 % of a 599 s lifetime (the Date header rounds to the second), plus one retry per failure.
    const awakeMs = DAY - 2 * 20 * MINUTE;
    const expected = awakeMs / (0.75 * 599 * SECOND) + 2 + injected;
    const simulatedMs = Date.now() - dayStart;
    expect(simulatedMs).toBeGreaterThanOrEqual(DAY);
    const requestsInDay = backend.requests - Math.round((simulatedMs - DAY) / (0.75 * 599 * SECOND));
    expect(Math.abs(requestsInDay - expected) / expected).toBeLessThan(0.05);
    expect(injected).toBeGreaterThan(5);

    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });
});
