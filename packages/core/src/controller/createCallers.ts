import type { ChatSessionCredential } from '../ChatSessionCredential.js';
import type { ChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import { addMs, getRemainingMs, type Instant } from '../computeSessionTiming.js';

/**
 * What waiting calls hear: a request's `session` or `error`; `end` when the controller was reset or disposed; `{}`
 * when they should look again (after `start()`).
 */
export interface Outcome {
  readonly session?: ChatSessionCredential;
  readonly error?: ChatSessionError;
  readonly end?: true;
}

/** The calls of `getClientSecret`, `prefetch` and `refresh` waiting for the next outcome. */
export interface Callers {
  /** Resolves with the next outcome. */
  next(): Promise<Outcome>;
  /** Tells every waiting call. */
  settle(outcome: Outcome): void;
  /** Whether any call waits. */
  waiting(): boolean;
}

/**
 * Creates the list of waiting calls.
 *
 * @returns The callers.
 */
export function createCallers(): Callers {
  const waiters: ((outcome: Outcome) => void)[] = [];
  return {
    next: () => new Promise((resolve) => waiters.push(resolve)),
    settle(outcome) {
      for (const resolve of waiters.splice(0)) resolve(outcome);
    },
    waiting: () => waiters.length > 0,
  };
}

/**
 * Tells whether a waiting call ends (`disposed`) with this outcome: on a reset or dispose; and, parked by `stop()` (a
 * user switch) and looking again after `start()`, when it was a prefetch (intent that has passed) or was asked more
 * than a session's lifetime ago (the chat that asked is gone), rather than fetch for nobody.
 *
 * @param outcome What the call heard.
 * @param stopped Whether the controller was stopped while the call waited.
 * @param reason `prefetch` for a prefetch.
 * @param askedAt When the call was made.
 * @param lifetimeMs The lifetime of the last session.
 * @param now The local clocks now.
 * @returns Whether the call ends.
 */
export function isCallOver(
  outcome: Outcome,
  stopped: boolean,
  reason: ChatSessionFetchReason | undefined,
  askedAt: Instant,
  lifetimeMs: number,
  now: Instant,
): boolean {
  const parked = stopped && !outcome.session && !outcome.error;
  const outlived = reason === 'prefetch' || getRemainingMs(addMs(askedAt, lifetimeMs), now) <= 0;
  return outcome.end === true || (parked && outlived);
}

/**
 * Tells whether the secret a caller is replacing must be dropped: a renewal failed for good (a 401 from ChatKit or the
 * app's server) while the caller replaces the secret held, so with no successor until `refresh()`, that secret must
 * not go on reading as usable.
 *
 * @param error The failure the call heard, or `null`.
 * @param replacing The secret the caller replaces, or `null`.
 * @param heldSecret The secret held, or `null`.
 * @returns Whether to drop the session held.
 */
export function isRefusedSecret(
  error: ChatSessionError | null,
  replacing: string | null,
  heldSecret: string | null,
): boolean {
  return !!error && !error.retryable && replacing !== null && heldSecret === replacing;
}
