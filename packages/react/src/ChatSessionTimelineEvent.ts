import type { ChatSessionError } from '@chatkit-session/core';

/**
 * What happened to a session:
 * - `started`: the first session arrived (or the first after a reset, an expiry or a failure without one);
 * - `renewed`: a new session replaced a usable one;
 * - `failed`: an attempt failed (`error` says how, and whether the controller retries by itself);
 * - `expired`: the session ran out before a new one arrived;
 * - `reset`: the session was forgotten, as on sign-out.
 */
export type ChatSessionTimelineEventKind = 'started' | 'renewed' | 'failed' | 'expired' | 'reset';

/** One entry of a session's timeline, as `useChatSessionTimeline()` records it. */
export interface ChatSessionTimelineEvent {
  /** A number unique within one timeline, for React keys. */
  readonly id: number;
  /** When it was seen, on the local wall clock (epoch milliseconds). */
  readonly at: number;
  /** What happened. */
  readonly kind: ChatSessionTimelineEventKind;
  /** The id of the new session (`started`, `renewed`), else `null`. */
  readonly sessionId: string | null;
  /** The failure (`failed`), with its kind, status and request id, else `null`. */
  readonly error: ChatSessionError | null;
}
