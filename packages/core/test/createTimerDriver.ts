import { setImmediate as realSetImmediate } from 'node:timers';
import { vi } from 'vitest';

// The module's own setImmediate, which fake timers (they replace the global one) leave real: one real macrotask turn
// lets every pending promise chain run.
const settle = () => new Promise<void>((resolve) => realSetImmediate(resolve));

interface Handle {
  readonly id: number;
  readonly fake: ReturnType<typeof setTimeout>;
}

/** What `run` does besides firing timers. */
export interface TimerDriverRunOptions {
  /** The next moment (on `performance.now()`) at which to pause and check, besides the timers, if any. */
  nextStop?: () => number | undefined;
  /** Called after every pause, once every promise chain has settled. */
  check?: () => void;
  /** Whether to end the run early, asked after every pause. */
  done?: () => boolean;
}

/**
 * Creates `setTimeout`/`clearTimeout` over Vitest's fake timers that a test can see ahead on, and a `run` that
 * moves fake time from one timer to the next with one real macrotask turn after each: the same order of events as
 * `vi.advanceTimersByTimeAsync`, which waits a real `setTimeout` (about 1 ms) after every timer, at a fraction of
 * its cost. Timers created elsewhere still fire, in the same sweep as the next tracked one.
 *
 * @param options `exact: true` moves time with `vi.advanceTimersByTimeAsync` instead, to check that both agree.
 * @returns The timers (pass them to the environment and the backend) and `run`.
 * @example
 * const driver = createTimerDriver();
 * const environment = { ...env.environment, setTimeout: driver.setTimeout, clearTimeout: driver.clearTimeout };
 * await driver.run(2 * HOUR, { check: checkInvariants });
 */
export function createTimerDriver({ exact = false } = {}) {
  const due = new Map<number, number>();
  let nextId = 0;

  const setTimeoutTracked = (callback: () => void, ms: number): Handle => {
    nextId += 1;
    const id = nextId;
    // Fake timers truncate the delay to whole milliseconds, as browsers do.
    due.set(id, performance.now() + Math.max(0, Math.trunc(ms) || 0));
    const fake = setTimeout(() => {
      due.delete(id);
      callback();
    }, ms);
    return { id, fake };
  };
  const clearTimeoutTracked = (handle: unknown) => {
    const tracked = handle as Handle | null;
    if (!tracked) return;
    due.delete(tracked.id);
    clearTimeout(tracked.fake);
  };
  const nextDue = () => {
    let next = Number.POSITIVE_INFINITY;
    for (const at of due.values()) next = Math.min(next, at);
    return next;
  };

  /** Moves fake time on by `ms` (awake time: a sleep in between does not count), pausing at every timer and stop. */
  const run = async (
    ms: number,
    { nextStop = () => undefined, check = () => {}, done = () => false }: TimerDriverRunOptions = {},
  ) => {
    const target = performance.now() + ms;
    for (;;) {
      await settle();
      check();
      // What the check set off (a getState() that drops an expired session may notify) runs at this moment too.
      await settle();
      const now = performance.now();
      if (now >= target || done()) return;
      const next = Math.min(nextDue(), nextStop() ?? Number.POSITIVE_INFINITY, target);
      // At least a millisecond: a zero-delay timer set while timers fire runs a millisecond later.
      const step = Math.min(target, Math.max(next, now + 1)) - now;
      if (exact) await vi.advanceTimersByTimeAsync(step);
      else vi.advanceTimersByTime(step);
    }
  };

  return {
    setTimeout: setTimeoutTracked as (callback: () => void, ms: number) => unknown,
    clearTimeout: clearTimeoutTracked,
    run,
    /** How many tracked timers are armed. */
    get armed() {
      return due.size;
    },
  };
}
