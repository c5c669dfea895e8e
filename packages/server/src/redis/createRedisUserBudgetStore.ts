import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import type { UserBudgetDecision, UserBudgetRequest, UserBudgetStore } from '../budget/UserBudgetOptions.js';

/**
 * The part of a `redis` client (`createClient()` of the `redis` package, 6.3.1 or later) the store uses. The store
 * imports nothing of `redis` itself: the app creates, connects and closes its client, with its own URL and password.
 */
export interface RedisUserBudgetClient {
  /** Sends one command and resolves to Redis's reply; `abortSignal` drops it while it still waits in the queue. */
  sendCommand(args: readonly string[], options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** How `createRedisUserBudgetStore` reaches Redis and names its keys. */
export interface RedisUserBudgetStoreOptions {
  /** A connected client of the `redis` package (`await createClient({ url }).connect()`). Required. */
  readonly client: RedisUserBudgetClient;
  /**
   * What every key starts with, so the budget's keys stand apart from the app's own; endpoints with the same prefix
   * (and Redis) share one budget per user. Defaults to `'chatkit-session:user-budget:'`.
   */
  readonly prefix?: string | undefined;
}

// One script per operation, so that reading, counting and expiring a user's window is one atomic step on Redis,
// however many server instances ask at once. Windows expire on Redis's clock (PX), the one clock all instances share.
// KEYS[1]: the user's counter; ARGV[1]: the limit; ARGV[2]: the window in milliseconds. Replies { allowed, ttl }.
const CONSUME = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  redis.call('SET', KEYS[1], 1, 'PX', ARGV[2])
  return { 1, tonumber(ARGV[2]) }
end
if tonumber(redis.call('GET', KEYS[1])) >= tonumber(ARGV[1]) then
  return { 0, ttl }
end
redis.call('INCR', KEYS[1])
return { 1, ttl }
`;
// DECR keeps the key's expiry, so a refund never extends a window; a window that ended has nothing to give back.
const REFUND = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

const DEFAULT_PREFIX = 'chatkit-session:user-budget:';
const CREATOR = 'createRedisUserBudgetStore';
const KNOWN = optionNames<RedisUserBudgetStoreOptions>({ client: true, prefix: true });

/** Hashes the user id: a Redis dump, `KEYS` or `MONITOR` then lists no user ids (emails, account numbers). */
async function hashUser(user: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(user));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function readDecision(reply: unknown): UserBudgetDecision {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
    throw new TypeError('Redis answered the user budget script with something other than two integers.');
  }
  return { allowed: reply[0] === 1, resetInMs: reply[1] };
}

function checkOptions(options: RedisUserBudgetStoreOptions): string {
  assertKnownOptions(CREATOR, options, KNOWN);
  if (typeof options?.client?.sendCommand !== 'function') {
    throw new TypeError('createRedisUserBudgetStore needs client: a connected client of the redis package.');
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string') throw new TypeError('createRedisUserBudgetStore: prefix must be a string.');
  return prefix;
}

/**
 * Creates a user budget store on Redis, shared by every server instance that uses the same Redis and prefix.
 *
 * Each user has one counter, `<prefix><SHA-256 of the user id>`, that a Lua script reads, counts and expires in one
 * atomic step; a window starts at the user's first mint and ends on Redis's clock. The store does not connect,
 * reconnect or time out by itself: the endpoint's `userBudget.timeoutMs` bounds every call, and its `failOpen`
 * decides what a failed call means. Give the client an `error` listener, or a lost connection crashes Node.
 *
 * @param options The connected client, and the keys' prefix.
 * @returns The store, for `userBudget.store`.
 * @throws {TypeError} When the client or the prefix is missing or malformed, or an option is unknown.
 * @example
 * const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
 * redis.on('error', (error) => console.error('redis:', error.message));
 * await redis.connect();
 * const store = createRedisUserBudgetStore({ client: redis });
 */
export function createRedisUserBudgetStore(options: RedisUserBudgetStoreOptions): UserBudgetStore {
  const prefix = checkOptions(options);
  const { client } = options;
  const key = async (user: string) => `${prefix}${await hashUser(user)}`;
  return {
    async consume(user: string, { limit, windowMs, signal }: UserBudgetRequest): Promise<UserBudgetDecision> {
      const args = ['EVAL', CONSUME, '1', await key(user), String(limit), String(Math.ceil(windowMs))];
      return readDecision(await client.sendCommand(args, { abortSignal: signal }));
    },
    async refund(user: string, { signal }: UserBudgetRequest): Promise<void> {
      await client.sendCommand(['EVAL', REFUND, '1', await key(user)], { abortSignal: signal });
    },
  };
}
