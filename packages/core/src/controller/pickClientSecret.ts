import type { CurrentSession } from '../ChatSessionState.js';
import { getRemainingMs, type Instant } from '../computeSessionTiming.js';

/**
 * Picks the secret to hand a caller: never the one the caller is replacing, and only with enough validity left.
 *
 * @param current The session held, if any.
 * @param replacing The secret the caller holds and wants replaced (ChatKit's `currentClientSecret`), or `null`.
 * @param now The local clocks now.
 * @param need `usable` for at least the session's `minValidityMs` left; `unexpired` for any time left at all (a
 *   fallback after a failed renewal).
 * @returns The secret, or `null` when none qualifies.
 */
export function pickClientSecret(
  current: CurrentSession | null,
  replacing: string | null,
  now: Instant,
  need: 'usable' | 'unexpired',
): string | null {
  if (!current || current.secret === replacing) return null;
  const remaining = getRemainingMs(current.expiry, now);
  const enough = need === 'usable' ? remaining >= current.minValidityMs : remaining > 0;
  return enough ? current.secret : null;
}
