'use client';
import { useEffect, useRef, useState } from 'react';
import type { ChatSessionTimelineEvent } from './ChatSessionTimelineEvent.js';
import { getChatSessionTimelineEvents } from './getChatSessionTimelineEvents.js';
import { useChatSessionContext } from './useChatSessionContext.js';

/** The options of `useChatSessionTimeline`. */
export interface UseChatSessionTimelineOptions {
  /** How many events to keep; the oldest are dropped first. Defaults to `50`. */
  maxEvents?: number;
}

/**
 * Returns the renewals and failures of the nearest provider's session since the calling component mounted, newest
 * first, re-rendering with each new entry. It listens to the controller and arms no timer.
 *
 * @param options How many events to keep.
 * @returns The events, newest first.
 * @example
 * const events = useChatSessionTimeline({ maxEvents: 20 });
 * return <ol>{events.map((event) => <li key={event.id}>{event.kind} {event.error?.requestId}</li>)}</ol>;
 */
export function useChatSessionTimeline({
  maxEvents = 50,
}: UseChatSessionTimelineOptions = {}): readonly ChatSessionTimelineEvent[] {
  const { controller, environment } = useChatSessionContext('useChatSessionTimeline');
  const [events, setEvents] = useState<readonly ChatSessionTimelineEvent[]>([]);
  const lastId = useRef(0);

  useEffect(() => {
    let previous = controller.getState();
    return controller.subscribe((next) => {
      const changes = getChatSessionTimelineEvents(previous, next);
      previous = next;
      if (changes.length === 0) return;
      const at = environment.now ? environment.now() : Date.now();
      const stamped = changes.map((change) => {
        lastId.current += 1;
        return { ...change, id: lastId.current, at };
      });
      setEvents((current) => [...stamped.reverse(), ...current].slice(0, Math.max(0, maxEvents)));
    });
  }, [controller, environment, maxEvents]);

  return events;
}
