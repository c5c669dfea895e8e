import type { Violation as LifecycleViolation } from './lifecycleInvariants.js';

/** The invariants, by letter, as the failure output states them. */
export const INVARIANTS = {
  a: "no getClientSecret resolves with a secret that has less than the scaled minValidityMs left by the backend's clock (after a failure: an expired one), nor with the secret it replaces",
  b: "no tab's getState() (nor a state it publishes) shows an expired secret",
  c: 'a visible tab that holds, with the backend healthy for 5 min, has a secret with minValidityMs left (less one renewal: spread and latency), except within one renewal of it opening, taking its first hold or being shown, the machine waking, or another tab closing',
  d: 'economy: mints stay within one per shared renewal period of need plus what openings, replacing callers, races, sleeps, faults and closes may add; every tab holds the latest session another tab announced once delivered (unless a request of its own was out meanwhile); and no tab sends a request while nothing there needs it or while hidden with no caller waiting',
  e: 'disposing every tab leaves no timer, wake-up listener, open channel, held lock, request in flight or unsettled call',
  f: 'a call settles with a string or a ChatSessionError (`disposed` only once its tab closed), and no rejection goes unhandled',
} as const;
export type InvariantId = keyof typeof INVARIANTS;

/** How an invariant broke: its letter and, where it can break in several ways, which way. */
export type ViolationKind =
  | 'a'
  | 'a: replaced'
  | 'b'
  | 'c'
  | 'd: bound'
  | 'd: unneeded request'
  | 'd: hidden request'
  | 'd: not shared'
  | 'e'
  | 'f';

/** The invariant a kind of breach belongs to. */
export const invariantOf = (kind: ViolationKind) => kind.charAt(0) as InvariantId;

/** The first breach of one kind in a run: as in the lifecycle runs, with the kinds of this one. */
export interface Violation extends Omit<LifecycleViolation, 'kind'> {
  readonly kind: ViolationKind;
}
