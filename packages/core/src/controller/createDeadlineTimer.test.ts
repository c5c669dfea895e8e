import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestEnvironment } from '../../test/createTestEnvironment.js';
import { createDeadlineTimer } from './createDeadlineTimer.js';

const MINUTE = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A timer on the test environment, with a record of when it fired (ms after the test began). */
function setup(chunkMs = MINUTE) {
  const env = createTestEnvironment();
  const timer = createDeadlineTimer(env.environment, chunkMs);
  const began = Date.now();
  const fired: number[] = [];
  const onFire = () => fired.push(Date.now() - began);
  return { env, timer, fired, onFire };
}

describe('createDeadlineTimer', () => {
  it('arms nothing when created', () => {
    setup();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires once at the nearest deadline ahead when given several', () => {
    const { timer, fired, onFire } = setup();
    timer.arm([5_000, 2_000, 30_000], false, onFire);
    vi.advanceTimersByTime(1_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(fired).toEqual([2_000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores past deadlines instead of spinning when some are overdue', () => {
    const { env, timer, fired, onFire } = setup();
    timer.arm([-10_000, 0, 4_000], false, onFire);
    vi.advanceTimersByTime(4_000);
    expect(fired).toEqual([4_000]);
    expect(env.timerDelays).toEqual([4_000]);
  });

  it('arms nothing when every deadline is past and nobody polls', () => {
    const { timer, fired, onFire } = setup();
    timer.arm([0, -1], false, onFire);
    timer.arm([], false, onFire);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(fired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('wakes after one chunk when polling with no deadline ahead', () => {
    const { timer, fired, onFire } = setup();
    timer.arm([-5], true, onFire);
    vi.advanceTimersByTime(MINUTE);
    expect(fired).toEqual([MINUTE]);
  });

  it('waits at most one chunk when the deadline is hours away, so sleep and throttling show', () => {
    const { env, timer, fired, onFire } = setup();
    timer.arm([3 * 60 * MINUTE], false, onFire);
    vi.advanceTimersByTime(MINUTE);
    expect(fired).toEqual([MINUTE]);
    expect(env.timerDelays).toEqual([MINUTE]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('caps a wait at the longest delay browsers honour when the chunk is longer', () => {
    const { env, timer, onFire } = setup(Number.POSITIVE_INFINITY);
    timer.arm([2 ** 40], false, onFire);
    timer.arm([], true, onFire);
    expect(env.timerDelays).toEqual([MAX_TIMER_MS, MAX_TIMER_MS]);
  });

  it('keeps only the latest arming when armed again before it fires', () => {
    const { timer, fired, onFire } = setup();
    timer.arm([1_000], false, onFire);
    timer.arm([3_000], false, onFire);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(5_000);
    expect(fired).toEqual([3_000]);
  });

  it('disarms an armed timer so nothing fires and no timer is left when cleared', () => {
    const { timer, fired, onFire } = setup();
    timer.arm([1_000], true, onFire);
    timer.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(fired).toEqual([]);
  });

  it('can be cleared any number of times and armed again when it fired or was cleared', () => {
    const { timer, fired, onFire } = setup();
    timer.clear();
    timer.arm([1_000], false, onFire);
    vi.advanceTimersByTime(1_000);
    timer.clear();
    timer.clear();
    timer.arm([2_000], false, onFire);
    vi.advanceTimersByTime(2_000);
    expect(fired).toEqual([1_000, 3_000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets the callback arm the next wait when it fires', () => {
    const { timer, fired } = setup();
    const began = Date.now();
    const onFire = () => {
      fired.push(Date.now() - began);
      if (fired.length < 3) timer.arm([500], false, onFire);
    };
    timer.arm([500], false, onFire);
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([500, 1_000, 1_500]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
