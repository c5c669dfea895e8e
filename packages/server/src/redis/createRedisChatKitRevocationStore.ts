import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import { CHATKIT_REVOCATION_DEFAULTS, type ChatKitRevocationStore } from '../revocation/ChatKitRevocationStore.js';
import type { RedisUserBudgetClient } from './createRedisUserBudgetStore.js';

/** How `createRedisChatKitRevocationStore` reaches Redis, names its keys and waits. */
export interface RedisChatKitRevocationStoreOptions {
  /** A connected client of the `redis` package (`await createClient({ url }).connect()`). Required. */
  readonly client: RedisUserBudgetClient;
  /** What every key starts with. Defaults to `'chatkit-session:revoked:'`. */
  readonly prefix?: string | undefined;
  /**
   * How long a sign-out is kept, in whole seconds: at least `verifyChatKitToken`'s `maxLifetimeSeconds` plus its
   * `clockToleranceSeconds`. Defaults to `3900`.
   */
  readonly retainSeconds?: number | undefined;
  /** How long to wait for Redis, in milliseconds, before a call fails. Defaults to `500`. */
  readonly timeoutMs?: number | undefined;
}

// The sign-out time comes from Redis's clock (TIME), the one clock every instance shares; the key expires with it.
// KEYS[1]: the user's key; ARGV[1]: how long to keep it, in milliseconds. Replies the time, in epoch milliseconds.
const REVOKE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('SET', KEYS[1], now, 'PX', ARGV[1])
return now
`;

const CREATOR = 'createRedisChatKitRevocationStore';
const KNOWN = optionNames<RedisChatKitRevocationStoreOptions>({
  client: true,
  prefix: true,
  retainSeconds: true,
  timeoutMs: true,
});

/** Hashes the user id: a Redis dump, `KEYS` or `MONITOR` then lists no user ids. */
async function hashUser(user: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(user));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function wholeNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${CREATOR}: ${name} must be a whole number ≥ 1.`);
  return value;
}

/** Sends one command, failing after `timeoutMs` (a command waiting in a disconnected client's queue is dropped). */
async function send(client: RedisUserBudgetClient, args: string[], timeoutMs: number): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timeout = new Promise<never>((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error(`Redis did not answer within ${timeoutMs} ms.`)));
  });
  return Promise.race([client.sendCommand(args, { abortSignal: signal }), timeout]);
}

/**
 * Creates a revocation store on Redis, shared by every server instance that uses the same Redis and prefix.
 *
 * Each revoked user has one key, `<prefix><SHA-256 of the user id>`, holding the sign-out time on Redis's clock
 * and expiring after `retainSeconds`. Every call fails after `timeoutMs`: `revoke` then rejects, and
 * `verifyChatKitToken` refuses the token as `revocation_unavailable` (503).
 *
 * @param options The connected client, the keys' prefix, how long a sign-out is kept and how long to wait.
 * @returns The store, for `verifyChatKitToken`'s `revocations` and your sign-out route.
 * @throws {TypeError} When an option is missing, unknown or malformed.
 * @example
 * const revocations = createRedisChatKitRevocationStore({ client: redis });
 */
export function createRedisChatKitRevocationStore(options: RedisChatKitRevocationStoreOptions): ChatKitRevocationStore {
  assertKnownOptions(CREATOR, options, KNOWN);
  const { client } = options;
  if (typeof client?.sendCommand !== 'function') {
    throw new TypeError(`${CREATOR} needs client: a connected client of the redis package.`);
  }
  const prefix = options.prefix ?? 'chatkit-session:revoked:';
  if (typeof prefix !== 'string') throw new TypeError(`${CREATOR}: prefix must be a string.`);
  const retainMs =
    wholeNumber('retainSeconds', options.retainSeconds, CHATKIT_REVOCATION_DEFAULTS.retainSeconds) * 1000;
  const timeoutMs = wholeNumber('timeoutMs', options.timeoutMs, CHATKIT_REVOCATION_DEFAULTS.timeoutMs);
  const key = async (user: string) => `${prefix}${await hashUser(user)}`;
  return {
    async revoke(user: string) {
      await send(client, ['EVAL', REVOKE, '1', await key(user), String(retainMs)], timeoutMs);
    },
    async getRevokedAt(user: string) {
      const reply = await send(client, ['GET', await key(user)], timeoutMs);
      if (reply === null) return null;
      const at = Number(reply);
      if (!Number.isFinite(at)) throw new TypeError('Redis holds something other than a time under a revocation key.');
      return at;
    },
  };
}
