'use client';
import { maskClientSecret } from '@chatkit-session/core';
import { useId } from 'react';
import { ChatSessionDevtoolsCountdown } from './ChatSessionDevtoolsCountdown.js';
import { ChatSessionDevtoolsError } from './ChatSessionDevtoolsError.js';
import { ChatSessionDevtoolsTimeline } from './ChatSessionDevtoolsTimeline.js';
import type { ChatSessionTimelineEvent } from './ChatSessionTimelineEvent.js';
import { devtoolsStyles, getStatusDotStyle } from './devtoolsStyles.js';
import { getSessionId } from './getChatSessionTimelineEvents.js';
import { useChatSession } from './useChatSession.js';

/** The props of `ChatSessionDevtoolsPanel`. */
export interface ChatSessionDevtoolsPanelProps {
  /** The panel's element id, which the toggle button points at. */
  readonly id: string;
  /** The timeline to show, newest first. */
  readonly events: readonly ChatSessionTimelineEvent[];
}

const { term, value } = devtoolsStyles;

/**
 * Renders the open devtools panel: the session's fields, a "Renew now" button and the timeline. Never shows the
 * client secret itself.
 *
 * @example
 * <ChatSessionDevtoolsPanel id={panelId} events={useChatSessionTimeline()} />
 */
export function ChatSessionDevtoolsPanel({ id, events }: ChatSessionDevtoolsPanelProps) {
  const { status, session, clientSecret, attempt, error, refresh } = useChatSession();
  const timelineHeadingId = useId();
  return (
    <div id={id} style={devtoolsStyles.panel}>
      <header style={devtoolsStyles.header}>
        <h2 style={devtoolsStyles.heading}>ChatKit session</h2>
        <button type="button" style={devtoolsStyles.button} onClick={() => void refresh()}>
          Renew now
        </button>
      </header>
      <dl style={devtoolsStyles.fields}>
        <dt style={term}>Status</dt>
        <dd style={value}>
          <span aria-hidden="true" style={getStatusDotStyle(status)} />
          {status}
        </dd>
        <ChatSessionDevtoolsCountdown />
        <dt style={term}>Failed attempts</dt>
        <dd style={value}>{attempt}</dd>
        <dt style={term}>Session</dt>
        <dd style={value}>{getSessionId(session) ?? '–'}</dd>
        <dt style={term}>Client secret</dt>
        <dd style={value}>{maskClientSecret(clientSecret)}</dd>
        <dt style={term}>Last error</dt>
        <dd style={value}>
          <ChatSessionDevtoolsError error={error} />
        </dd>
      </dl>
      <h3 id={timelineHeadingId} style={devtoolsStyles.heading}>
        Timeline
      </h3>
      <ChatSessionDevtoolsTimeline events={events} labelledBy={timelineHeadingId} />
    </div>
  );
}
