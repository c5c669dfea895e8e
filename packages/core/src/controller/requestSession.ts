import type { ResolvedChatSessionControllerOptions } from '../ChatSessionControllerOptions.js';
import type { ChatSessionCredential } from '../ChatSessionCredential.js';
import type { ChatSessionEnvironment } from '../ChatSessionEnvironment.js';
import { ChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import { type Instant, measureSessionLifetime } from '../computeSessionTiming.js';
import { readSessionResult } from '../readSessionResult.js';

/** What one session request needs. */
export interface SessionRequest {
  readonly options: ResolvedChatSessionControllerOptions;
  readonly environment: ChatSessionEnvironment;
  readonly reason: ChatSessionFetchReason;
  readonly currentSession: ChatSessionCredential | null;
  /** Aborted by the caller on reset or dispose, and here on timeout. */
  readonly abort: AbortController;
  /** The local clocks just before the request. */
  readonly start: Instant;
}

/**
 * Fetches, reads and validates one session within the request timeout, and measures its lifetime. A `fetchSession`
 * that ignores its signal cannot hold the controller past the timeout.
 *
 * @param request The request.
 * @returns The session, its lifetime from `start` and the `x-request-id` of the answer.
 * @throws {ChatSessionError} Classified: `timeout`, a status kind, `invalid_response`, `inactive_session`.
 */
export async function requestSession(
  request: SessionRequest,
): Promise<{ session: ChatSessionCredential; lifetimeMs: number; requestId: string | null; status: number | null }> {
  const { options, environment, reason, currentSession, abort, start } = request;
  const { signal } = abort;
  const timeout = environment.setTimeout(() => {
    abort.abort(
      new ChatSessionError('timeout', `The session endpoint did not answer within ${options.requestTimeoutMs} ms.`),
    );
  }, options.requestTimeoutMs);
  // Rejects as soon as the signal aborts, whatever `fetchSession` does with it (an abort before this point is caught by
  // `send`'s own check). The signal belongs to this one request, so its listener goes with it.
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  const send = async () => {
    // Sent a microtask later, and not at all if aborted by then: a start() undone at once (React StrictMode's
    // mount, unmount, mount) costs no request.
    await undefined;
    if (signal.aborted) throw signal.reason;
    const value = await options.fetchSession({ signal, reason, currentSession });
    return readSessionResult(value, environment.now(), options.parseSession);
  };
  try {
    const { session, serverTimeMs, requestId, status } = await Promise.race([send(), aborted]);
    const lifetimeMs = measureSessionLifetime(session.expires_at, serverTimeMs, start);
    if (lifetimeMs <= 0) {
      throw new ChatSessionError(
        'invalid_response',
        `The session endpoint returned a session that expired ${Math.round(-lifetimeMs / 1000)} s ago (server clock).`,
        { requestId },
      );
    }
    return { session, lifetimeMs, requestId: requestId ?? null, status: status ?? null };
  } finally {
    environment.clearTimeout(timeout);
  }
}
