import type { ChatSessionCredential, ChatSessionState } from '@chatkit-session/core';
import type { ChatSessionTimelineEvent } from './ChatSessionTimelineEvent.js';

/** A timeline event before it is given an id and a time. */
export type ChatSessionTimelineChange = Pick<ChatSessionTimelineEvent, 'kind' | 'sessionId' | 'error'>;

/**
 * Returns what happened between two states of a controller, oldest first; nothing for changes that only start a
 * request or move a deadline.
 *
 * @param previous The state before.
 * @param next The state after.
 * @returns The changes worth a timeline entry.
 * @example
 * getChatSessionTimelineEvents(before, controller.getState()); // [{ kind: 'renewed', sessionId: 'cksess_2', error: null }]
 */
export function getChatSessionTimelineEvents(
  previous: ChatSessionState,
  next: ChatSessionState,
): ChatSessionTimelineChange[] {
  const changes: ChatSessionTimelineChange[] = [];
  if (next.status === 'idle' && previous.status !== 'idle') {
    changes.push({ kind: 'reset', sessionId: null, error: null });
    return changes;
  }
  if (next.error && next.error !== previous.error) {
    changes.push({ kind: 'failed', sessionId: null, error: next.error });
  }
  if (previous.session && !next.session) {
    changes.push({ kind: 'expired', sessionId: getSessionId(previous.session), error: null });
  }
  if (next.session && next.session !== previous.session) {
    changes.push({
      kind: previous.session ? 'renewed' : 'started',
      sessionId: getSessionId(next.session),
      error: null,
    });
  }
  return changes;
}

/**
 * Returns a session's `id` when it has one: credentials other than ChatKit sessions (a Realtime client secret) may not.
 *
 * @param session A session, or `null`.
 * @returns The id, or `null`.
 */
export function getSessionId(session: ChatSessionCredential | null): string | null {
  return typeof session?.id === 'string' ? session.id : null;
}
