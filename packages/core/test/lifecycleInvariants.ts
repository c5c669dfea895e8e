/** The invariants a lifecycle run checks, by letter. */
export type InvariantId = 'a' | 'b' | 'c' | 'd' | 'e' | 'f';

/** What each invariant promises, in words. */
export const INVARIANTS: Record<InvariantId, string> = {
  a: 'getClientSecret resolves only with a secret that has the scaled minValidityMs left (after a failure: not expired), never the one it replaces',
  b: 'getState().clientSecret is never an expired secret',
  c: 'no unhandled rejection',
  d: 'a started controller has a timer armed, a request in flight, or a stopping error, unless it let its session lapse with no caller for a lifetime',
  e: 'dispose() leaves no timer, listener or request',
  f: 'every getClientSecret call settles once started, and stop() rejects none',
};

/**
 * How an invariant broke: its letter and, where it can break in several ways, which way. For (b): a state published
 * with an expired secret (an expired session committed or re-published); getState() read with a secret that expired
 * while the request in flight was out (the request outlived the session); or with one that had expired before any
 * request in flight was sent (kept after a sleep or a stop()).
 */
export type ViolationKind =
  | 'a: too little validity'
  | 'a: expired fallback'
  | 'a: the replaced secret'
  | 'b: in a published state'
  | 'b: expired during a request'
  | 'b: kept after expiry'
  | 'c'
  | 'd'
  | 'e'
  | 'f: still pending'
  | 'f: rejected by stop()'
  | 'f: untyped rejection';

/** The invariant a kind of breach belongs to. */
export const invariantOf = (kind: ViolationKind) => kind.charAt(0) as InvariantId;

/** The first breach of one kind in a run. */
export interface Violation {
  readonly kind: ViolationKind;
  /** True time since the start. */
  readonly atMs: number;
  readonly message: string;
  /** The last events before it, when the run was recorded. */
  readonly trace: readonly string[];
}
