/**
 * How an invariant of the seeded React app broke: its number and which way, or what React or the page reported.
 *
 * 1. ChatKit's getClientSecret answers, in time, with a secret of the user signed in when it was called with
 *    minValidityMs left (after a failure: unexpired), never the one it replaces; a call still waiting when the user
 *    changes rejects as `superseded`, and no other call does.
 * 2. What renders and what the page shows belongs to the signed-in user and is unexpired; Suspense does not spin.
 * 3. Economy: no controller sends a request with nothing holding it and no call within a lifetime; and the other side,
 *    a session held for a lifetime on a visible page, with nothing in the way, has minValidityMs left.
 * 4. One getClientSecret for the provider's life, StrictMode or not, and none rejected as `disposed` while mounted.
 * 5. No unhandled rejection nor rejected prefetch, and nothing left once everything is unmounted.
 * 6. After the provider remounts, no request of the signed-in user goes to an unmounted provider's fetchSession.
 * 7. The React Query cache holds no session but the signed-in user's own, and none once everything is unmounted.
 */
export type SeamsViolationKind =
  | '1-user'
  | '1-replaced'
  | '1-validity'
  | '1-waited'
  | '1-superseded'
  | '2-user'
  | '2-expired'
  | '2-suspense-spin'
  | '3-economy'
  | '3-economy-after-prefetch'
  | '3-renewal'
  | '4-identity'
  | '4-disposed'
  | '5-unhandled'
  | '5-prefetch'
  | '5-leftovers'
  | '6-unmounted-props'
  | '7-cache-user'
  | '7-cache-leftover'
  /** The controller notified mounted readers while a component rendered. */
  | 'react-update-in-render'
  /** React wrote to console.error. */
  | 'react-error'
  /** A component threw. */
  | 'error';

/** What broke in one seed: each kind once, with the seed, the moment and the end of the trace. */
export type SeamsViolations = Map<SeamsViolationKind, string>;
