import type { ChatSessionError } from './ChatSessionError.js';
import type { ChatSessionFetchReason } from './ChatSessionFetchReason.js';

/**
 * What a controller reports through `telemetry: reportEvents(listener)`:
 * - `request`: a session request was sent (`reason`, `attempt`);
 * - `renewal`: it brought a session (`durationMs`, `remainingMs` of the new session, `requestId`);
 * - `failure`: it failed, or brought a session with too little time left, or was aborted by `stop()` (`error`);
 * - `adoption`: a session came from elsewhere (`initialSession`, another tab);
 * - `lapse`: nothing needs the credential anymore, so the renewal scheduled will not be sent and the session is left
 *   to expire (reported when the controller notices: at the latest when the renewal comes due);
 * - `expiry`: the session held expired and was dropped.
 *
 * Every `request` ends in exactly one `renewal` or `failure`, so a request maps onto one span.
 */
export type ChatSessionEventType = 'request' | 'renewal' | 'failure' | 'adoption' | 'lapse' | 'expiry';

/** One thing a controller did, as `reportEvents` reports it. Fields that do not apply are `null`. */
export interface ChatSessionEvent {
  readonly type: ChatSessionEventType;
  /**
   * Whose session it is: the controller's `sessionKey`. After a user switch the previous user's controller may still
   * report (a request cut short, a lapse, an expiry), so a listener shared across users tells them apart by it.
   */
  readonly sessionKey: string | null;
  /** When it happened, on the local wall clock (epoch milliseconds). */
  readonly at: number;
  /** Why the request was sent (`request`, `renewal`, `failure`). */
  readonly reason: ChatSessionFetchReason | null;
  /** Which attempt in a row it was, from 1 (`request`, `renewal`, `failure`). */
  readonly attempt: number | null;
  /** How long the request took (`renewal`, `failure`). */
  readonly durationMs: number | null;
  /** The validity left: of the new session (`renewal`, `adoption`), of the one held (`failure`, `lapse`). */
  readonly remainingMs: number | null;
  /** The HTTP status of the answer (`renewal`, `failure`), when `fetchSession` returned a `Response` or it failed with one. */
  readonly status: number | null;
  /** The `x-request-id` of the answer, when it had one. */
  readonly requestId: string | null;
  /** What went wrong (`failure`). */
  readonly error: ChatSessionError | null;
}
