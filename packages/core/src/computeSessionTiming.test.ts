import { describe, expect, it } from 'vitest';
import {
  computeSessionTiming,
  getRemainingMs,
  type Instant,
  measureSessionLifetime,
  placeAdoptedSession,
  type SessionTimingPolicy,
} from './computeSessionTiming.js';

const START: Instant = { wall: 1_800_000_000_000, mono: 42_000 };
const LATEST: SessionTimingPolicy = { refreshWindow: null, minValidityMs: 60_000, minRefreshIntervalMs: 5_000 };
const TEN_MINUTES = 600_000;
const RENEWAL_MS = 10_000;
/** Milliseconds from the start to the renewal. */
const refreshAfter = (lifetimeMs: number, policy: SessionTimingPolicy, random: number, renewalMs = RENEWAL_MS) =>
  computeSessionTiming(lifetimeMs, START, policy, random, renewalMs).refreshDue.wall - START.wall;

describe('computeSessionTiming', () => {
  it('puts the expiry one lifetime after the start on both clocks when a session arrives', () => {
    const timing = computeSessionTiming(TEN_MINUTES, START, LATEST, 0.5, RENEWAL_MS);
    expect(timing.expiry).toEqual({ wall: START.wall + TEN_MINUTES, mono: START.mono + TEN_MINUTES });
    expect(timing.lifetimeMs).toBe(TEN_MINUTES);
    expect(timing.refreshDue.mono - START.mono).toBe(timing.refreshDue.wall - START.wall);
  });

  it('renews as late as is safe, less the time a renewal needs, when there is no refresh window', () => {
    // 10 min − 1 min of validity − 10 s for the renewal, less up to 5 % of the lifetime (30 s) of spread.
    expect(refreshAfter(TEN_MINUTES, LATEST, 0)).toBe(530_000);
    expect(refreshAfter(TEN_MINUTES, LATEST, 0.5)).toBe(515_000);
    expect(refreshAfter(TEN_MINUTES, LATEST, 0.999_999)).toBeCloseTo(500_000, 0);
  });

  it('keeps every jittered renewal within the spread before the latest safe point when tabs draw different randoms', () => {
    for (let i = 0; i < 100; i += 1) {
      const due = refreshAfter(TEN_MINUTES, LATEST, i / 100);
      expect(due).toBeLessThanOrEqual(530_000);
      expect(due).toBeGreaterThan(500_000);
    }
  });

  it('renews within the refresh window, proportionally to the random, when one is given', () => {
    const policy = { ...LATEST, refreshWindow: [0.5, 0.8] as const };
    expect(refreshAfter(TEN_MINUTES, policy, 0)).toBe(300_000);
    expect(refreshAfter(TEN_MINUTES, policy, 0.5)).toBe(390_000);
    expect(refreshAfter(TEN_MINUTES, policy, 0.999_999)).toBeCloseTo(480_000, 0);
  });

  it('never renews later than the minimum validity before expiry when the window reaches past it', () => {
    const policy = { ...LATEST, refreshWindow: [0.95, 0.99] as const };
    expect(refreshAfter(TEN_MINUTES, policy, 0.5)).toBe(540_000);
  });

  it('scales the minimum validity to a quarter of the lifetime when the session is short', () => {
    const timing = computeSessionTiming(100_000, START, LATEST, 0, 0);
    expect(timing.minValidityMs).toBe(25_000);
    expect(timing.refreshDue.wall - START.wall).toBe(75_000);
    expect(computeSessionTiming(TEN_MINUTES, START, LATEST, 0, 0).minValidityMs).toBe(60_000);
  });

  it('never renews sooner than the minimum interval after the start when the lifetime leaves no room', () => {
    // 12 s of life: 3 s of validity, 9 s latest, less a 10 s renewal is negative; the interval floor wins, even past
    // the latest safe point.
    expect(refreshAfter(12_000, LATEST, 0)).toBe(5_000);
    expect(refreshAfter(4_000, LATEST, 0)).toBe(5_000);
  });

  it('asks for no validity and renews after the minimum interval when the session arrived expired', () => {
    const timing = computeSessionTiming(-2_000, START, LATEST, 0.3, RENEWAL_MS);
    expect(timing.minValidityMs).toBe(0);
    expect(timing.expiry.wall).toBe(START.wall - 2_000);
    expect(timing.refreshDue.wall - START.wall).toBe(5_000);
  });
});

describe('measureSessionLifetime', () => {
  const expiresAt = (START.wall + TEN_MINUTES) / 1000;

  it("measures from the server's clock, a second late for the Date header, when the server said its time", () => {
    expect(measureSessionLifetime(expiresAt, START.wall + 30_000, START)).toBe(TEN_MINUTES - 31_000);
  });

  it('reads a session as arrived expired when the server says it already was', () => {
    expect(measureSessionLifetime(expiresAt, START.wall + TEN_MINUTES, START)).toBeLessThanOrEqual(0);
  });

  it('measures from the local start when the server did not say its time', () => {
    expect(measureSessionLifetime(expiresAt, null, START)).toBe(TEN_MINUTES);
  });

  it('assumes the longest real lifetime when the local clock is wrong and the server did not say its time', () => {
    expect(measureSessionLifetime(expiresAt, null, { ...START, wall: START.wall + 3_600_000 })).toBe(TEN_MINUTES);
    expect(measureSessionLifetime(expiresAt, null, { ...START, wall: START.wall - 3_600_000 })).toBe(TEN_MINUTES);
  });
});

describe('getRemainingMs', () => {
  it('takes the clock with less left when the machine slept or the wall clock was set back', () => {
    const deadline = { wall: 10_000, mono: 10_000 };
    expect(getRemainingMs(deadline, { wall: 4_000, mono: 1_000 })).toBe(6_000);
    expect(getRemainingMs(deadline, { wall: 1_000, mono: 7_000 })).toBe(3_000);
    expect(getRemainingMs(deadline, { wall: 12_000, mono: 12_000 })).toBe(-2_000);
  });
});

describe('placeAdoptedSession', () => {
  const now = { wall: 1_000_000, mono: 50_000 };
  it.each([
    // expires in, minted lifetime → lifetime, started before now
    { leftMs: 300_000, mintedMs: 0, lifetimeMs: 300_000, startedAgoMs: 0 },
    { leftMs: 300_000, mintedMs: 600_000, lifetimeMs: 600_000, startedAgoMs: 300_000 },
    { leftMs: 300_000, mintedMs: 100_000, lifetimeMs: 300_000, startedAgoMs: 0 },
  ])(
    'places a session with $leftMs ms left, minted for $mintedMs ms',
    ({ leftMs, mintedMs, lifetimeMs, startedAgoMs }) => {
      expect(placeAdoptedSession(now.wall + leftMs, mintedMs, now)).toEqual({
        lifetimeMs,
        start: { wall: now.wall - startedAgoMs, mono: now.mono - startedAgoMs },
        remainingMs: leftMs,
      });
    },
  );

  it.each([0, -1, Number.NaN])('refuses a session with %s ms left', (leftMs) => {
    expect(placeAdoptedSession(now.wall + leftMs, 600_000, now)).toBeNull();
  });
});
