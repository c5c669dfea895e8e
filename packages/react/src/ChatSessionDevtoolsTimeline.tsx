'use client';
import type { ChatSessionTimelineEvent, ChatSessionTimelineEventKind } from './ChatSessionTimelineEvent.js';
import { devtoolsStyles } from './devtoolsStyles.js';

/** The props of `ChatSessionDevtoolsTimeline`. */
export interface ChatSessionDevtoolsTimelineProps {
  /** The events, newest first. */
  readonly events: readonly ChatSessionTimelineEvent[];
  /** The id of the element that names the list. */
  readonly labelledBy: string;
}

const LABELS: Record<ChatSessionTimelineEventKind, string> = {
  started: 'Session started',
  renewed: 'Renewed',
  failed: 'Failed',
  expired: 'Expired before a renewal',
  reset: 'Reset',
};

function describeEvent({ kind, error }: ChatSessionTimelineEvent): string {
  if (!error) return LABELS[kind];
  const status = error.status === undefined ? '' : ` ${error.status}`;
  return `${LABELS[kind]}: ${error.kind}${status}, ${error.retryable ? 'retrying' : 'stopped'}`;
}

const formatTime = (at: number) => new Date(at).toLocaleTimeString(undefined, { hourCycle: 'h23' });

/**
 * Renders a session's timeline, newest first: when, what happened, and the request id of a failure or the id of a
 * new session.
 *
 * @example
 * <ChatSessionDevtoolsTimeline events={useChatSessionTimeline()} labelledBy={headingId} />
 */
export function ChatSessionDevtoolsTimeline({ events, labelledBy }: ChatSessionDevtoolsTimelineProps) {
  if (events.length === 0) {
    return <p style={{ ...devtoolsStyles.muted, margin: 0 }}>Nothing yet.</p>;
  }
  return (
    <ol aria-labelledby={labelledBy} style={devtoolsStyles.list}>
      {events.map((event) => (
        <li key={event.id} style={devtoolsStyles.item}>
          <time dateTime={new Date(event.at).toISOString()} style={devtoolsStyles.muted}>
            {formatTime(event.at)}
          </time>
          <span style={event.error ? devtoolsStyles.failure : undefined}>
            {describeEvent(event)} <code>{event.error?.requestId ?? event.sessionId ?? ''}</code>
          </span>
        </li>
      ))}
    </ol>
  );
}
