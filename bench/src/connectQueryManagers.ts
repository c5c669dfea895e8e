import {
  defaultScheduler,
  environmentManager,
  focusManager,
  notifyManager,
  timeoutManager,
} from '@tanstack/react-query';
import type { SimClock } from './createSimClock.js';

let active: SimClock | null = null;

// Set once, before any QueryClient exists (as TanStack asks); it forwards to whichever clock is connected. With none
// (after a scenario ends), timers are dropped: only cache clean-ups are armed then, and a real one would hold the
// process open for minutes.
timeoutManager.setTimeoutProvider({
  setTimeout: (callback, ms) => active?.setTimeout(() => callback(), ms) ?? 0,
  clearTimeout: (id) => active?.clearTimeout(id),
  setInterval: (callback, ms) => active?.setInterval(() => callback(), ms) ?? 0,
  clearInterval: (id) => active?.clearInterval(id),
});

/**
 * Connects TanStack Query's swappable singletons to a simulated clock: its timers (`refetchInterval`, retry delays,
 * `gcTime`) run on the clock, its focus manager hears the clock's `visibilitychange`, it behaves as in a browser
 * (default `retry: 3`), and notifications are batched in a microtask instead of a real `setTimeout(0)`.
 *
 * @param simClock The clock.
 * @returns The function that disconnects it.
 */
export function connectQueryManagers(simClock: SimClock): () => void {
  active = simClock;
  environmentManager.setIsServer(() => false);
  notifyManager.setScheduler(queueMicrotask);
  focusManager.setEventListener((setFocused) => {
    const listener = () => setFocused(simClock.isVisible());
    simClock.eventTarget.addEventListener('visibilitychange', listener);
    return () => simClock.eventTarget.removeEventListener('visibilitychange', listener);
  });
  return () => {
    focusManager.setEventListener(() => undefined);
    focusManager.setFocused(undefined);
    notifyManager.setScheduler(defaultScheduler);
    active = null;
  };
}
