import { describe, expect, it } from 'vitest';
import { createRandom } from '../../test/createTestEnvironment.js';
import { computeRetryDelay, type RetryPolicy } from './computeRetryDelay.js';

const POLICY: RetryPolicy = { retryBaseDelayMs: 1_000, retryMaxDelayMs: 30_000 };
// Just below 1, the largest draw: the delay then sits at its ceiling less a millisecond.
const TOP = 0.999_999_9;

describe('computeRetryDelay', () => {
  // [attempt, the ceiling of its random delay]
  const ceilings: [number, number][] = [
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 16_000],
    [6, 30_000],
    [7, 30_000],
    [50, 30_000],
    [5_000, 30_000],
  ];

  it.each(ceilings)(
    'draws below a ceiling that doubles up to the maximum when attempt %i failed',
    (attempt, ceiling) => {
      expect(computeRetryDelay(attempt, undefined, POLICY, TOP)).toBe(ceiling - 1);
      expect(computeRetryDelay(attempt, undefined, POLICY, 0)).toBe(0);
      expect(computeRetryDelay(attempt, undefined, POLICY, 0.5)).toBe(ceiling / 2);
    },
  );

  it('treats an attempt below one as the first when a caller counts from zero', () => {
    expect(computeRetryDelay(0, undefined, POLICY, TOP)).toBe(999);
    expect(computeRetryDelay(-3, undefined, POLICY, TOP)).toBe(999);
  });

  it("waits at least the server's Retry-After when it asked for longer than the jitter", () => {
    expect(computeRetryDelay(1, 20_000, POLICY, 0.5)).toBe(20_000);
    // Retry-After may exceed the backoff's maximum: the server's word wins.
    expect(computeRetryDelay(9, 120_000, POLICY, TOP)).toBe(120_000);
  });

  it('keeps the jitter when it is longer than the Retry-After', () => {
    expect(computeRetryDelay(6, 1_000, POLICY, 0.5)).toBe(15_000);
    expect(computeRetryDelay(1, 0, POLICY, 0.5)).toBe(500);
  });

  it('stays within [Retry-After or 0, ceiling) in whole milliseconds when drawn at random', () => {
    const random = createRandom(7);
    for (let i = 0; i < 500; i += 1) {
      const attempt = 1 + (i % 8);
      const retryAfterMs = i % 3 === 0 ? 3_000 : undefined;
      const ceiling = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
      const delay = computeRetryDelay(attempt, retryAfterMs, POLICY, random());
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(retryAfterMs ?? 0);
      expect(delay).toBeLessThan(Math.max(ceiling, (retryAfterMs ?? 0) + 1));
    }
  });

  it('honours a maximum below the base when a policy sets one', () => {
    expect(computeRetryDelay(1, undefined, { retryBaseDelayMs: 5_000, retryMaxDelayMs: 2_000 }, TOP)).toBe(1_999);
  });
});
