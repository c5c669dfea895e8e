'use client';
import type { ChatSessionError } from '@chatkit-session/core';
import { devtoolsStyles } from './devtoolsStyles.js';

/** The props of `ChatSessionDevtoolsError`. */
export interface ChatSessionDevtoolsErrorProps {
  /** The session's last failure, or `null`. */
  readonly error: ChatSessionError | null;
}

/**
 * Renders a session failure for the devtools: its kind, HTTP status, request id, whether it is retried, and its
 * message (which never contains a secret).
 *
 * @example
 * <ChatSessionDevtoolsError error={useChatSession((session) => session.error)} />
 */
export function ChatSessionDevtoolsError({ error }: ChatSessionDevtoolsErrorProps) {
  if (!error) return <span style={devtoolsStyles.muted}>none</span>;
  return (
    <>
      <span style={devtoolsStyles.failure}>
        {error.kind}
        {error.status === undefined ? '' : ` ${error.status}`}
      </span>
      {error.requestId && <code> {error.requestId}</code>}
      <span style={devtoolsStyles.muted}>{error.retryable ? ' · retrying' : ' · stopped until renewed'}</span>
      <br />
      {error.message}
    </>
  );
}
