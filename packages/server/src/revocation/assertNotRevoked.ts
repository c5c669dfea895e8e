import { ChatKitTokenError } from '../token/ChatKitTokenError.js';
import type { ChatKitRevocationStore } from './ChatKitRevocationStore.js';

/**
 * Refuses a token issued no later than the second of its user's last sign-out.
 *
 * `iat` counts whole seconds, so a token minted in the second of the sign-out may come from before it: it is refused
 * too. A store that fails refuses the token (fail closed): a revoked token must not come back with an outage.
 *
 * @param store Where sign-outs are kept.
 * @param user The token's user.
 * @param issuedAt The token's `iat`, in seconds.
 * @throws {ChatKitTokenError} `revoked_token` (401), or `revocation_unavailable` (503) when the store failed.
 */
export async function assertNotRevoked(store: ChatKitRevocationStore, user: string, issuedAt: number): Promise<void> {
  let revokedAt: number | null;
  try {
    revokedAt = await store.getRevokedAt(user);
  } catch {
    // The store's error may name the user or the store's address: none of it goes into a 503's message.
    throw new ChatKitTokenError('revocation_unavailable');
  }
  if (typeof revokedAt === 'number' && issuedAt <= Math.floor(revokedAt / 1000)) {
    throw new ChatKitTokenError('revoked_token');
  }
}
