import type { ResolvedChatSessionControllerOptions } from '../ChatSessionControllerOptions.js';
import type { ChatSessionCredential } from '../ChatSessionCredential.js';
import type { ChatSessionEnvironment } from '../ChatSessionEnvironment.js';
import { ChatSessionError, toChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionEventType } from '../ChatSessionEvent.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import type { ChatSessionTransition, SentRequest } from '../ChatSessionTransition.js';
import { computeSessionTiming, getRemainingMs, type Instant, type SessionTiming } from '../computeSessionTiming.js';
import { requestSession } from './requestSession.js';

// A session that lands with too little time left is discarded and fetched again, this many times in a row at most.
const MAX_DISCARDS = 2;

/** What the request runner needs of its controller (a tuple: a minifier renames its members like locals). */
export type RequestHost = readonly [
  /** The clocks now. */
  now: () => Instant,
  /** The session held, to send as `currentSession`. */
  session: () => ChatSessionCredential | null,
  /** The validity left of the session held, or `null`. */
  left: () => number | null,
  /** Reports a transition. */
  tell: (type: ChatSessionEventType, fields?: Partial<ChatSessionTransition>) => void,
  /** A session landed with time enough. */
  land: (session: ChatSessionCredential, timing: SessionTiming) => void,
  /** The request failed (or its sessions kept landing too late). */
  fail: (error: ChatSessionError) => void,
  /** A session landed too late to use; it still tells how long sessions live. */
  learn: (lifetimeMs: number) => void,
  /** Whether to fetch again at once after a discarded session: a caller waits, or the schedule may send. */
  wanted: () => boolean,
  /** A request went out: the state and the timer follow. */
  sent: () => void,
];

/** One request at a time, and what the controller must know of it. */
export type RequestRunner = readonly [
  /** Sends a request unless one is in flight; resolves when it has landed or failed. Never rejects. */
  run: (reason: ChatSessionFetchReason) => Promise<void>,
  /** The request in flight, or `null`. */
  sent: () => SentRequest | null,
  /** Bumped by `cancel()`: whatever an older epoch started lands nowhere. */
  epoch: () => number,
  /** Aborts the request in flight and makes any result of it land nowhere. */
  cancel: (error: ChatSessionError) => void,
  /** What a renewal may take: the slowest recent request, three times (two retries), and the retries' backoff. */
  renewalMs: () => number,
];

/**
 * Creates the request runner of a controller: one request at a time, each with an epoch so that one cancelled lands
 * nowhere; a session that lands with too little time left (after a sleep) is discarded and fetched again; and the
 * slowest recent request, halving with each faster one, is remembered as what the next renewal may take.
 *
 * @param options The controller's options.
 * @param env The environment.
 * @param host The controller.
 * @returns The runner.
 */
export function createRequestRunner(
  options: ResolvedChatSessionControllerOptions,
  env: ChatSessionEnvironment,
  [now, session, left, tell, land, fail, learn, wanted, afterSend]: RequestHost,
): RequestRunner {
  let inflight: Promise<void> | null = null;
  let abort: AbortController | null = null;
  let sent: SentRequest | null = null;
  let epoch = 0;
  let discards = 0;
  let slowMs = 0;
  const renewalMs = () => 3 * (slowMs + options.retryBaseDelayMs);
  const settle = () => {
    inflight = abort = sent = null;
  };
  // Notes how long a request took: the slowest recent one decides how early the next renewal goes.
  const observe = (start: Instant) => {
    slowMs = Math.max(env.monotonicNow() - start.mono, slowMs / 2);
  };

  const run = (reason: ChatSessionFetchReason): Promise<void> => {
    if (inflight) return inflight;
    const started = epoch;
    const start = now();
    abort = new AbortController();
    sent = { at: start, reason };
    tell('request');
    const landed = ({ session, lifetimeMs, requestId, status }: Awaited<ReturnType<typeof requestSession>>) => {
      if (started !== epoch) return;
      observe(start);
      // Checked when it lands, not when the server sent it: the machine may have slept in between.
      const timing = computeSessionTiming(lifetimeMs, start, options, env.random(), renewalMs());
      const leftMs = getRemainingMs(timing.expiry, now());
      if (leftMs >= timing.minValidityMs) {
        tell('renewal', { remainingMs: leftMs, requestId, status });
        settle();
        discards = 0;
        return land(session, timing);
      }
      const error = new ChatSessionError(
        'timeout',
        `The session arrived with too little time left (${Math.round(leftMs / 1000)} s).`,
        { requestId: requestId ?? undefined },
      );
      tell('failure', { remainingMs: leftMs, requestId, status, error });
      settle();
      discards += 1;
      learn(timing.lifetimeMs);
      if (discards <= MAX_DISCARDS && wanted()) return void run(reason);
      discards = 0;
      fail(error);
    };
    const failed = (thrown: unknown) => {
      if (started !== epoch) return;
      observe(start);
      const error = toChatSessionError(thrown);
      tell('failure', { error, remainingMs: left() });
      settle();
      discards = 0;
      fail(error);
    };
    const request = { options, environment: env, reason, currentSession: session(), abort, start };
    inflight = requestSession(request).then(landed, failed);
    afterSend();
    return inflight;
  };

  const cancel = (error: ChatSessionError) => {
    epoch += 1;
    discards = 0;
    if (sent) tell('failure', { error, remainingMs: left() });
    abort?.abort(error);
    settle();
  };
  return [run, () => sent, () => epoch, cancel, renewalMs];
}
