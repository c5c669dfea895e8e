import type { ChatSessionError } from './ChatSessionError.js';
import type { ChatSessionEventType } from './ChatSessionEvent.js';
import type { ChatSessionFetchReason } from './ChatSessionFetchReason.js';
import type { Instant } from './computeSessionTiming.js';

/** The request a controller has in flight: when it was sent, and why. */
export interface SentRequest {
  readonly at: Instant;
  readonly reason: ChatSessionFetchReason;
}

/**
 * One thing a controller did, as its `telemetry` observer is told: the facts as the controller holds them, from which
 * `reportEvents` builds a `ChatSessionEvent`. Fields a transition does not carry are absent.
 */
export interface ChatSessionTransition {
  readonly type: ChatSessionEventType;
  /** The controller's `sessionKey`. */
  readonly sessionKey: string | null;
  /** When it happened, on both local clocks. */
  readonly now: Instant;
  /** The request in flight, or `null`. */
  readonly request: SentRequest | null;
  /** How many attempts in a row had failed before the request (or before now). */
  readonly attempt: number;
  /** The validity left, unrounded: of the new session (`renewal`, `adoption`), of the one held (`failure`, `lapse`). */
  readonly remainingMs?: number | null;
  /** The HTTP status of the answer, when it differs from the `error`'s (`renewal`, a session that landed too late). */
  readonly status?: number | null;
  /** The `x-request-id` of the answer, when it differs from the `error`'s. */
  readonly requestId?: string | null;
  /** What went wrong (`failure`); its `status` and `requestId` stand in for absent ones. */
  readonly error?: ChatSessionError | null;
}

/**
 * Observes a controller's transitions, for logs and tracing: `reportEvents(listener)` makes one. Called synchronously
 * after each transition; one that throws changes nothing in the controller.
 */
export type ChatSessionTelemetry = (transition: ChatSessionTransition) => void;
