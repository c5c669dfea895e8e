import type { ChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import type { CurrentSession } from '../ChatSessionState.js';
import { addMs, getRemainingMs, type Instant } from '../computeSessionTiming.js';

/** What a controller knows when it decides whether to send a request. */
export interface RenewalFacts {
  readonly current: CurrentSession | null;
  /** When the next renewal or retry is due, or `null` when none is scheduled. */
  readonly due: Instant | null;
  readonly error: ChatSessionError | null;
  readonly inflight: boolean;
  /** A retry after a network error while the device says it is offline. */
  readonly waitingForNetwork: boolean;
  /** Whether tabs sharing the session are deciding who renews. */
  readonly coordinating: boolean;
  /** Whether the schedule may send a request: something needs the credential and the page is visible. */
  readonly wanted: boolean;
}

/**
 * What to do now: `fetch` a session; `wait` and look again (after `waitMs`, or a timer chunk when `null`); or `halt`
 * (a request is in flight, or a stopping error waits for `refresh()`; a caller falls back on what is held).
 */
export type RenewalDecision =
  | { readonly action: 'fetch' }
  | { readonly action: 'wait'; readonly waitMs: number | null }
  | { readonly action: 'halt' };

const FETCH: RenewalDecision = { action: 'fetch' };
const HALT: RenewalDecision = { action: 'halt' };

/**
 * Decides whether the controller may send a request now, for its own schedule (`caller` false) or for a caller who
 * has no usable secret (`caller` true): the one rule both paths follow, so neither can bypass a backoff or a stop.
 *
 * @param facts What the controller knows.
 * @param now The local clocks now.
 * @param caller Whether a caller is asking (it needs a secret now, so only a backoff or a stop makes it wait).
 * @returns The decision.
 */
export function decideRenewal(facts: RenewalFacts, now: Instant, caller: boolean): RenewalDecision {
  const { current, due, error } = facts;
  if (facts.inflight || (error && !error.retryable)) return HALT;
  // Without a schedule, a controller with no session is due at once and one with a session never is.
  const dueInMs = due ? getRemainingMs(due, now) : current && !caller ? Infinity : 0;
  // A retry's backoff and `Retry-After` bind callers too: a failing backend must not get one request per caller.
  if (caller) return error && dueInMs > 0 ? HALT : FETCH;
  // Nobody needs it, or the page is hidden: only the expiry of what is held is watched (to drop it).
  if (!facts.wanted) return current ? { action: 'wait', waitMs: getRemainingMs(current.expiry, now) } : HALT;
  // `navigator.onLine` says false on some networks that work, so a due renewal always goes out once; only retries
  // after a network error wait for the `online` wake-up. Tabs deciding who renews look again after a chunk.
  if (dueInMs <= 0 && !facts.waitingForNetwork && !facts.coordinating) return FETCH;
  // Otherwise wait until it is due or the session expires, whichever is sooner; a timer chunk (`null`) if neither is ahead.
  const waitMs = dueInMs > 0 ? Math.min(dueInMs, current ? getRemainingMs(current.expiry, now) : Infinity) : Infinity;
  return { action: 'wait', waitMs: Number.isFinite(waitMs) ? waitMs : null };
}

/**
 * Names why a request goes out, for the controller's own schedule and for callers alike: `manual` for `refresh()`; a
 * retry while attempts are failing; the first session after a start from nothing (or a `reset()`); otherwise what
 * caused it.
 *
 * @param attempt How many attempts have failed in a row.
 * @param held Whether a session was held since the last `reset()`.
 * @param cause What asked: the schedule (`scheduled`, `wake`), a caller (`on-demand`), a prefetch or `refresh()`.
 * @returns The reason `fetchSession` is given.
 */
export function chooseFetchReason(
  attempt: number,
  held: boolean,
  cause: ChatSessionFetchReason,
): ChatSessionFetchReason {
  // A prefetch is intent, not the app's first need, so it keeps its own name even before any session.
  if (cause === 'manual') return cause;
  return attempt > 0 ? 'retry' : held || cause === 'prefetch' ? cause : 'initial';
}

/**
 * Tells whether something needs the credential renewed on schedule: `keepWarm`, a hold, or a caller's ask within a
 * session's lifetime (the chat that asked may still be using the secret).
 *
 * @param keepWarm The option.
 * @param holds How many holds are out.
 * @param askedAt When a caller last asked, or `null`.
 * @param lifetimeMs The lifetime of the last session.
 * @param now The local clocks now.
 * @returns Whether renewals are needed.
 */
export function isNeeded(
  keepWarm: boolean,
  holds: number,
  askedAt: Instant | null,
  lifetimeMs: number,
  now: Instant,
): boolean {
  return keepWarm || holds > 0 || (askedAt !== null && getRemainingMs(addMs(askedAt, lifetimeMs), now) > 0);
}

// The delay of a look that is due now: a timer of its own, so that a look never runs inside the one that armed it.
const DUE_NOW_MS = 1;

/**
 * Plans the one timer from a decision: the delays after which to look again (a due renewal or retry, and the expiry of
 * what is held, so that an expired secret leaves the state even while a renewal hangs).
 *
 * @param decision What `decideRenewal` decided for the schedule.
 * @param current The session held, if any.
 * @param now The local clocks now.
 * @returns The delays in milliseconds; empty when nothing is ahead.
 */
export function planTimer(decision: RenewalDecision, current: CurrentSession | null, now: Instant): number[] {
  // Due now, though the look that armed this found it not yet due: time moved between the two readings (a timer
  // fires a fraction of a millisecond early, as browsers truncate delays). Look again at once, not after a chunk.
  const dueMs = decision.action === 'fetch' ? DUE_NOW_MS : decision.action === 'wait' ? decision.waitMs : null;
  return [dueMs, current && getRemainingMs(current.expiry, now)].filter((ms) => ms !== null);
}
