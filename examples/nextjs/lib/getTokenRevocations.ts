/** What the ChatKit route remembers of the tokens it saw: the last one it accepted, and those it now refuses. */
export interface TokenRevocations {
  /** The token the ChatKit route accepted last: its id (`jti`) and expiry in epoch milliseconds, or `null`. */
  lastAccepted: { readonly id: string; readonly expiresAt: number } | null;
  /** The ids of the tokens the ChatKit route answers 401 to, with their expiry: after it, they are refused anyway. */
  readonly refused: Map<string, number>;
}

// On globalThis, not in a module variable: Next bundles each route on its own, so the refusal route and the ChatKit
// route would otherwise each see a list of their own.
const REVOCATIONS = Symbol.for('@chatkit-session/example-nextjs:token-revocations');

type WithRevocations = typeof globalThis & { [REVOCATIONS]?: TokenRevocations };

/**
 * Returns this server process's token revocations, shared by the ChatKit route and the development-only refusal
 * route. A real app keeps revocations where every instance sees them (a database, Redis).
 *
 * @returns The revocations.
 */
export function getTokenRevocations(): TokenRevocations {
  const store = globalThis as WithRevocations;
  store[REVOCATIONS] ??= { lastAccepted: null, refused: new Map() };
  return store[REVOCATIONS];
}

/**
 * Tells whether a token was refused, forgetting refusals of tokens that have expired since.
 *
 * @param revocations The revocations.
 * @param id The token's id.
 * @returns Whether to answer 401.
 */
export function isTokenRefused(revocations: TokenRevocations, id: string): boolean {
  const now = Date.now();
  for (const [refusedId, expiresAt] of revocations.refused) if (expiresAt < now) revocations.refused.delete(refusedId);
  return revocations.refused.has(id);
}
