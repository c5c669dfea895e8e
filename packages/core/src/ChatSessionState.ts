import type { ChatSessionError } from './ChatSessionError.js';
import type { ChatSessionResource } from './ChatSessionResourceSchema.js';

/**
 * Where a controller stands:
 * - `idle`: no session and nothing in flight (before `start()`, after `reset()`);
 * - `loading`: no usable session, one is being fetched;
 * - `active`: a usable session (a retry may be pending: see `error`);
 * - `refreshing`: a usable session, and its successor is being fetched;
 * - `error`: no usable session, and the last attempt failed (`error` says whether a retry is scheduled).
 */
export type ChatSessionControllerStatus = 'idle' | 'loading' | 'active' | 'refreshing' | 'error';

/** A snapshot of a session controller; a new object only when something in it changed. */
export interface ChatSessionState {
  readonly status: ChatSessionControllerStatus;
  /** The usable session, or `null`. */
  readonly session: ChatSessionResource | null;
  /** The usable session's secret, or `null`. */
  readonly clientSecret: string | null;
  /** When the session expires, on the local wall clock (epoch milliseconds), or `null`. */
  readonly expiresAt: number | null;
  /** When the next renewal or retry is due, on the local wall clock, or `null` when none is scheduled. */
  readonly refreshAt: number | null;
  /** The last failure, cleared by the next success. */
  readonly error: ChatSessionError | null;
  /** How many attempts have failed in a row. */
  readonly attempt: number;
}

/** The state of a controller that has done nothing yet. */
export const IDLE_CHAT_SESSION_STATE: ChatSessionState = Object.freeze({
  status: 'idle',
  session: null,
  clientSecret: null,
  expiresAt: null,
  refreshAt: null,
  error: null,
  attempt: 0,
});

/**
 * Tells whether two states show the same thing to a user.
 *
 * @param a One state.
 * @param b The other.
 * @returns Whether every field is the same.
 */
export function isSameChatSessionState(a: ChatSessionState, b: ChatSessionState): boolean {
  return (Object.keys(a) as (keyof ChatSessionState)[]).every((key) => Object.is(a[key], b[key]));
}
