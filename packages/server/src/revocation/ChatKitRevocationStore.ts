/**
 * Where each user's sign-out time is kept, so that `verifyChatKitToken` refuses the tokens they held: in this
 * process (`createMemoryChatKitRevocationStore`) or shared by every instance (`createRedisChatKitRevocationStore`
 * from `@chatkit-session/server/redis`).
 */
export interface ChatKitRevocationStore {
  /**
   * Refuses every token of the user issued up to now, on the store's clock: call it from your sign-out (or "sign out
   * everywhere") route. Tokens minted in the same second are refused too; those minted from the next second on pass.
   */
  revoke(user: string): Promise<void>;
  /** When the user's tokens were last revoked, in epoch milliseconds, or `null` when they never were (or long ago). */
  getRevokedAt(user: string): Promise<number | null>;
}

/** The defaults of the revocation stores. */
export const CHATKIT_REVOCATION_DEFAULTS = Object.freeze({
  /**
   * How long a sign-out is kept, in seconds: the longest token lifetime (3600) plus the largest clock tolerance (300).
   * After that, every token issued before it has expired anyway.
   */
  retainSeconds: 3900,
  /** How many users the memory store keeps a sign-out for. */
  maxUsers: 100_000,
  /** How long the Redis store waits for Redis, in milliseconds. */
  timeoutMs: 500,
} as const);
