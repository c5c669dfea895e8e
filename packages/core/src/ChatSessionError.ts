/**
 * What went wrong while getting a session:
 * - `network`: `fetchSession` threw (offline, DNS, CORS, a refused connection); retried.
 * - `timeout`: no answer within `requestTimeoutMs`; retried.
 * - `rate_limited`: HTTP 429; retried no sooner than its `Retry-After`.
 * - `server`: HTTP 408 or 5xx; retried.
 * - `unauthorized`: HTTP 401 or 403; stops until `refresh()`.
 * - `not_found`: HTTP 404 (for example a workflow of another project); stops until `refresh()`.
 * - `bad_request`: any other 4xx; stops until `refresh()`.
 * - `invalid_response`: the answer was not a valid session (HTML, bad JSON, `expires_at` in milliseconds, already
 *   expired); stops until `refresh()`.
 * - `inactive_session`: the session came back with `status` `expired` or `cancelled`; stops until `refresh()`.
 * - `disposed`: the controller was disposed or reset while the caller waited.
 * - `refused`: the app's ChatKit server refused a secret just renewed for it (HTTP 401 to a replay, through
 *   `createChatKitFetch`): renewing cannot help (its key differs from the token endpoint's, say); the secret stays in
 *   use, and the error clears once a request is accepted again or on `refresh()`.
 * - `superseded`: the signed-in user (a provider's `sessionKey`) changed while the caller waited; the call belonged to
 *   the previous user and gets no one's secret. A call made after the change is answered for the new user.
 */
export type ChatSessionErrorKind =
  | 'network'
  | 'timeout'
  | 'rate_limited'
  | 'server'
  | 'unauthorized'
  | 'not_found'
  | 'bad_request'
  | 'invalid_response'
  | 'inactive_session'
  | 'disposed'
  | 'refused'
  | 'superseded';

const RETRYABLE_KINDS: ReadonlySet<ChatSessionErrorKind> = new Set(['network', 'timeout', 'rate_limited', 'server']);

/** What is known about a failed session request besides its kind. */
export interface ChatSessionErrorDetails {
  /** The HTTP status of the answer, when there was one. */
  readonly status?: number | undefined;
  /** The `x-request-id` of the answer, to quote to support. */
  readonly requestId?: string | undefined;
  /** How long the server asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** The error this one wraps. */
  readonly cause?: unknown;
}

/**
 * The error a session controller reports when it cannot get a session; never contains a client secret.
 *
 * `retryable` errors are retried with backoff while the current session stays in use; the others stop renewal until
 * `refresh()` is called.
 */
export class ChatSessionError extends Error {
  override readonly name = 'ChatSessionError';
  /** What went wrong. */
  declare readonly kind: ChatSessionErrorKind;
  /** Whether the controller retries by itself. */
  declare readonly retryable: boolean;
  /** The HTTP status of the answer, when there was one. */
  declare readonly status: number | undefined;
  /** The `x-request-id` of the answer, when there was one. */
  declare readonly requestId: string | undefined;
  /** How long the server asked to wait before the next attempt, in milliseconds, when it said. */
  declare readonly retryAfterMs: number | undefined;

  /**
   * Creates the error.
   *
   * @param kind What went wrong.
   * @param message A sentence for people; must not contain a secret.
   * @param details The status, request id, `Retry-After` and cause, where known.
   */
  constructor(kind: ChatSessionErrorKind, message: string, details: ChatSessionErrorDetails = {}) {
    // Error reads `cause` from the details, and only when they have one.
    super(message, details);
    this.kind = kind;
    this.retryable = RETRYABLE_KINDS.has(kind);
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * Returns the error kind of an HTTP status that is not a success.
 *
 * @param status The HTTP status.
 * @returns The kind, which decides whether the controller retries.
 */
export function getErrorKindOfStatus(status: number): ChatSessionErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 408 || status >= 500) return 'server';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  return 'bad_request';
}

/** Creates the error callers get when the controller is disposed or reset while they wait. */
export function disposedError(message: string): ChatSessionError {
  return new ChatSessionError('disposed', message);
}

/** Classifies anything `fetchSession` threw; unknown throws count as network failures, which are retried. */
export function toChatSessionError(thrown: unknown): ChatSessionError {
  if (thrown instanceof ChatSessionError) return thrown;
  // Only an Error's own words: `String()` of anything else may throw (no prototype) or spell out a whole object.
  const detail = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : `a thrown ${typeof thrown}`;
  return new ChatSessionError('network', `fetchSession failed (${detail.slice(0, 200)}).`, { cause: thrown });
}
