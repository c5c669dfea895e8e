import { describe, expect, it } from 'vitest';
import { computeTabWaits } from './computeTabWaits.js';

describe('computeTabWaits', () => {
  it.each([
    // slack, request timeout → jitter, wait for an announced renewal
    { slackMs: -5_000, timeoutMs: 15_000, jitterMs: 300, waitMs: 2_000 },
    { slackMs: 0, timeoutMs: 15_000, jitterMs: 300, waitMs: 2_000 },
    { slackMs: 1_000, timeoutMs: 15_000, jitterMs: 500, waitMs: 2_000 },
    { slackMs: 3_000, timeoutMs: 15_000, jitterMs: 1_500, waitMs: 3_000 },
    { slackMs: 10_000, timeoutMs: 15_000, jitterMs: 2_000, waitMs: 10_000 },
    { slackMs: 500_000, timeoutMs: 15_000, jitterMs: 2_000, waitMs: 15_000 },
    { slackMs: 500_000, timeoutMs: 1_000, jitterMs: 2_000, waitMs: 1_000 },
  ])('spreads tabs with $slackMs ms of slack over $jitterMs ms and waits $waitMs ms for another', (row) => {
    expect(computeTabWaits(row.slackMs, row.timeoutMs)).toEqual({
      jitterMs: row.jitterMs,
      waitForAnnouncedMs: row.waitMs,
    });
  });
});
