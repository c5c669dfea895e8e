'use client';
import { createSessionCountdown, type SessionCountdownSnapshot } from '@chatkit-session/core';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useChatSessionContext } from './useChatSessionContext.js';

/**
 * Returns the whole seconds left until the session expires and until its next renewal, re-rendering once a second.
 * The only hook that ticks: use it in the small component that shows the countdown. Keeps the session renewed while
 * mounted, as `useChatSession` does.
 *
 * @returns `{ secondsLeft, secondsUntilRefresh }`, each `null` when there is none.
 * @example
 * const { secondsLeft } = useSessionCountdown();
 * return <span>{secondsLeft ?? '–'} s</span>;
 */
export function useSessionCountdown(): SessionCountdownSnapshot {
  const { controller, environment } = useChatSessionContext('useSessionCountdown');
  const countdown = useMemo(() => createSessionCountdown(controller, environment), [controller, environment]);
  // A countdown on screen shows the session, so it is needed: renewed while this is mounted.
  useEffect(() => controller.hold(), [controller]);
  return useSyncExternalStore(countdown.subscribe, countdown.getSnapshot, countdown.getSnapshot);
}
