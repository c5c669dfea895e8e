import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { StoryClock, StoryClockSnapshot } from './createStoryClock.js';

/** The story clock of the `StorySessionProvider` above, for the parts of the app that keep time of their own. */
export const StoryClockContext = createContext<StoryClock | null>(null);

/**
 * Returns the story clock of the `StorySessionProvider` above.
 *
 * @returns The clock.
 */
export function useStoryClock(): StoryClock {
  const clock = useContext(StoryClockContext);
  if (!clock) throw new Error('useStoryClock needs a StorySessionProvider above it.');
  return clock;
}

/**
 * Returns the clock's mode and time, re-rendering at every change (every step of a play function).
 *
 * @param clock The story clock.
 * @returns Its snapshot.
 */
export function useStoryClockSnapshot(clock: StoryClock): StoryClockSnapshot {
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot, clock.getSnapshot);
}

/**
 * Returns the story clock's time for a display: read again at every step of a play function, and every `intervalMs`
 * of real time while the clock follows the real one.
 *
 * @param clock The story clock.
 * @param intervalMs How often to read it while it follows real time.
 * @returns The time, in epoch milliseconds.
 */
export function useStoryClockNow(clock: StoryClock, intervalMs: number): number {
  const { now: stepped } = useStoryClockSnapshot(clock);
  const [now, setNow] = useState(clock.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), intervalMs);
    return () => clearInterval(timer);
  }, [clock, intervalMs]);
  // A step of the play function moves the snapshot; the real interval moves `now`: whichever is later is current.
  return Math.max(now, stepped);
}
