import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import { CHATKIT_REVOCATION_DEFAULTS, type ChatKitRevocationStore } from './ChatKitRevocationStore.js';

/** How `createMemoryChatKitRevocationStore` bounds its memory and tells the time. */
export interface MemoryChatKitRevocationStoreOptions {
  /**
   * How many users it keeps a sign-out for, 1 or more. When full, the oldest sign-out is folded into one store-wide
   * time: tokens of every user issued before it are refused, so no revoked token comes back. Defaults to `100000`
   * (about 18 MB with 40-character user ids).
   */
  readonly maxUsers?: number | undefined;
  /**
   * How long a sign-out is kept, in whole seconds: at least `verifyChatKitToken`'s `maxLifetimeSeconds` plus its
   * `clockToleranceSeconds`. Defaults to `3900`.
   */
  readonly retainSeconds?: number | undefined;
  /** The clock of the sign-out times, in epoch milliseconds: the token endpoint's. Defaults to `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** A revocation store in this process's memory. */
export interface MemoryChatKitRevocationStore extends ChatKitRevocationStore {
  /** How many users it holds a sign-out for. */
  readonly size: number;
}

const CREATOR = 'createMemoryChatKitRevocationStore';
const KNOWN = optionNames<MemoryChatKitRevocationStoreOptions>({ maxUsers: true, retainSeconds: true, now: true });

function wholeNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${CREATOR}: ${name} must be a whole number ≥ 1.`);
  return value;
}

/**
 * Creates a revocation store that keeps each user's last sign-out in this process's memory.
 *
 * Each server instance keeps its own: where several instances verify tokens, a sign-out on one must reach all, so
 * use `createRedisChatKitRevocationStore` from `@chatkit-session/server/redis`.
 *
 * @param options The size bound, how long a sign-out is kept, and the clock.
 * @returns The store, for `verifyChatKitToken`'s `revocations` and your sign-out route.
 * @throws {TypeError} When an option is unknown or malformed.
 * @example
 * export const revocations = createMemoryChatKitRevocationStore();
 * // in the sign-out route: await revocations.revoke(user.id);
 */
export function createMemoryChatKitRevocationStore(
  options: MemoryChatKitRevocationStoreOptions = {},
): MemoryChatKitRevocationStore {
  assertKnownOptions(CREATOR, options, KNOWN);
  const maxUsers = wholeNumber('maxUsers', options.maxUsers, CHATKIT_REVOCATION_DEFAULTS.maxUsers);
  const retainMs =
    wholeNumber('retainSeconds', options.retainSeconds, CHATKIT_REVOCATION_DEFAULTS.retainSeconds) * 1000;
  const now = options.now ?? Date.now;
  // Insertion order is time order (a user's new sign-out is re-inserted), so the oldest come first.
  const revokedAt = new Map<string, number>();
  // Tokens issued up to here are refused for everyone: the latest sign-out evicted while it still mattered.
  let floor: number | null = null;
  const sweep = (time: number) => {
    for (const [user, at] of revokedAt) {
      if (at + retainMs > time && revokedAt.size <= maxUsers) return;
      if (at + retainMs > time) floor = Math.max(floor ?? at, at);
      revokedAt.delete(user);
    }
  };
  return {
    get size() {
      return revokedAt.size;
    },
    async revoke(user: string) {
      const time = now();
      revokedAt.delete(user);
      revokedAt.set(user, time);
      sweep(time);
    },
    async getRevokedAt(user: string) {
      const time = now();
      sweep(time);
      if (floor !== null && floor + retainMs <= time) floor = null;
      const at = revokedAt.get(user) ?? null;
      return at === null || floor === null ? (at ?? floor) : Math.max(at, floor);
    },
  };
}
