import type { ChatSessionCredential } from '../ChatSessionCredential.js';
import { type ChatSessionError, disposedError } from '../ChatSessionError.js';
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

/**
 * What the caller protocol needs of its controller. A tuple, as the callers are: a minifier renames the members of
 * both like locals, which property names never are.
 */
export type CallerPort = readonly [
  /** The secret a caller may have now (never `replacing`): `usable` has `minValidityMs` left, `unexpired` any. */
  pick: (replacing: string | null, need: 'usable' | 'unexpired') => string | null,
  /** A caller (not a prefetch) asked at `at`: it needs the credential for a while. */
  asked: (at: Instant, reason: ChatSessionFetchReason) => void,
  /**
   * Sends a request for a caller, or joins the one in flight; `false` when a backoff or a stop forbids it (never for
   * `manual`, which `refresh()` sends).
   */
  send: (reason: ChatSessionFetchReason) => boolean,
  /** The last failure, or `null`. */
  failure: () => ChatSessionError | null,
  /** Drops the session held if its secret is `refused`: it must not go on reading as usable. */
  drop: (refused: string) => void,
  /** Bumped by each `stop()`. */
  epoch: () => number,
  /** The lifetime of the last session. */
  lifetimeMs: () => number,
  now: () => Instant,
  disposed: () => boolean,
];

/** The calls of `getClientSecret`, `prefetch` and `refresh`. */
export type Callers = readonly [
  /**
   * Resolves to a usable secret (never `replacing`), fetching one if needed with `reason` (`on-demand` by default);
   * after a failure, falls back on a secret still unexpired.
   */
  ask: (replacing: string | null, reason?: ChatSessionFetchReason) => Promise<string>,
  /** Resolves to the session of a request sent now (or joined), or rejects with its error. */
  refresh: () => Promise<ChatSessionCredential>,
  /** Tells every waiting call. */
  settle: (outcome: Outcome) => void,
  /** Whether any call waits. */
  waiting: () => boolean,
];

/**
 * Creates the caller protocol of a controller: the calls waiting for an outcome, each answered with a secret checked
 * at the moment it is handed out (time passes, and a laptop may sleep, while a caller waits); calls parked by `stop()`
 * and outlived calls end; a failure falls back on what is held.
 *
 * @param port The controller.
 * @returns The callers.
 */
export function createCallers([
  pick,
  asked,
  send,
  failure,
  drop,
  epoch,
  lifetimeMs,
  now,
  disposed,
]: CallerPort): Callers {
  const waiters: ((outcome: Outcome) => void)[] = [];
  const next = () => new Promise<Outcome>((resolve) => waiters.push(resolve));
  // A still-valid secret after a failure rather than nothing, unless it is the one being replaced.
  const fallback = (replacing: string | null, error: ChatSessionError | null) => {
    // Refused for good (a 401 from ChatKit or the app's server): with no successor until `refresh()`, the secret being
    // replaced must not go on reading as usable.
    if (error && !error.retryable && replacing !== null) drop(replacing);
    const secret = pick(replacing, 'unexpired');
    if (secret === null) throw error;
    return secret;
  };
  return [
    async (replacing, reason = 'on-demand') => {
      const askedAt = now();
      asked(askedAt, reason);
      for (;;) {
        if (disposed()) throw ended();
        const secret = pick(replacing, 'usable');
        if (secret !== null) return secret;
        if (!send(reason)) return fallback(replacing, failure());
        const started = epoch();
        const outcome = await next();
        if (isCallOver(outcome, started !== epoch(), reason, askedAt, lifetimeMs(), now())) throw ended();
        if (outcome.error) return fallback(replacing, outcome.error);
        // A backend that hands out the same secret again must not make this a loop.
        if (outcome.session) replacing = null;
      }
    },
    async () => {
      for (;;) {
        if (disposed()) throw ended();
        send('manual');
        const { session, error, end } = await next();
        if (session) return session;
        if (end) throw ended();
        if (error) throw error;
      }
    },
    (outcome) => {
      for (const resolve of waiters.splice(0)) resolve(outcome);
    },
    () => waiters.length > 0,
  ];
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

/** The error of every call that a reset, a dispose or a stop ends (and of a request aborted by `stop()`). */
export const ended = () => disposedError('The session controller was stopped, reset or disposed.');
