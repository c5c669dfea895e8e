import type { ChatKitReadinessPhase } from './ChatKitReadinessState.js';

/**
 * A phase change of ChatKit's readiness, shaped like the session's own events so one listener takes both: a monitoring
 * tool sees "ChatKit stalled: never ready after 15 s" next to the renewals.
 */
export interface ChatKitReadinessEvent {
  readonly type: 'readiness';
  readonly phase: ChatKitReadinessPhase;
  /** The phase's sentence; never contains a secret. */
  readonly reason: string;
  /** When it happened, on the local wall clock (epoch milliseconds). */
  readonly at: number;
  /** How long after the watch began (on the clock that never jumps). */
  readonly sinceMs: number;
  /** Whose session it is: the `sessionKey` the watcher was given. */
  readonly sessionKey: string | null;
}
