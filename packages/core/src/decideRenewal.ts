import type { ChatSessionError } from './ChatSessionError.js';
import type { CurrentSession } from './ChatSessionState.js';
import { getRemainingMs, type Instant } from './computeSessionTiming.js';

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
