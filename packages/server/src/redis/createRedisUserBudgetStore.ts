import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import type {
  UserBudgetDecision,
  UserBudgetRequest,
  UserBudgetStore,
  UserBudgetWindowRequest,
} from '../budget/UserBudgetOptions.js';

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
// A window is a hash: `n`, the count, and `w`, the window's name (Redis's clock in microseconds when it started), so
// a refund finds the window it was counted in or none. A key of another type (a counter of an earlier version) is no
// window. KEYS[1]: the user's window; ARGV[1]: the limit; ARGV[2]: the window in milliseconds.
// Replies { allowed, ttl, window }.
const CONSUME = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 or redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  local time = redis.call('TIME')
  local window = time[1] .. string.format('%06d', tonumber(time[2]))
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'n', 1, 'w', window)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return { 1, tonumber(ARGV[2]), window }
end
local window = redis.call('HGET', KEYS[1], 'w')
if tonumber(redis.call('HGET', KEYS[1], 'n')) >= tonumber(ARGV[1]) then
  return { 0, ttl, window }
end
redis.call('HINCRBY', KEYS[1], 'n', 1)
return { 1, ttl, window }
`;
// HINCRBY keeps the key's expiry, so a refund never extends a window; a window that ended (or a newer one under the
// same key) gets nothing back. ARGV[1]: the window that counted the mint.
const REFUND = `
if redis.call('TYPE', KEYS[1]).ok == 'hash' and redis.call('HGET', KEYS[1], 'w') == ARGV[1]
  and tonumber(redis.call('HGET', KEYS[1], 'n')) > 0 then
  redis.call('HINCRBY', KEYS[1], 'n', -1)
end
return 0
`;
// Ends the window ARGV[1] at most ARGV[2] milliseconds after it started, on Redis's clock; at once if that has passed.
const SHORTEN = `
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' or redis.call('HGET', KEYS[1], 'w') ~= ARGV[1] then return 0 end
local time = redis.call('TIME')
local elapsed = (tonumber(time[1]) * 1000000 + tonumber(time[2]) - tonumber(ARGV[1])) / 1000
local left = math.floor(tonumber(ARGV[2]) - elapsed)
if left <= 0 then
  redis.call('DEL', KEYS[1])
elseif left < redis.call('PTTL', KEYS[1]) then
  redis.call('PEXPIRE', KEYS[1], left)
end
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
  if (
    !Array.isArray(reply) ||
    typeof reply[0] !== 'number' ||
    typeof reply[1] !== 'number' ||
    typeof reply[2] !== 'string'
  ) {
    throw new TypeError('Redis answered the user budget script with something other than two integers and a name.');
  }
  return { allowed: reply[0] === 1, resetInMs: reply[1], window: reply[2] };
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
 * Each user has one window, a hash at `<prefix><SHA-256 of the user id>`, that a Lua script reads, counts and expires in one
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
    async refund(user: string, { window, signal }: UserBudgetWindowRequest): Promise<void> {
      await client.sendCommand(['EVAL', REFUND, '1', await key(user), String(window)], { abortSignal: signal });
    },
    async shorten(user: string, { window, windowMs, signal }: UserBudgetWindowRequest): Promise<void> {
      const args = ['EVAL', SHORTEN, '1', await key(user), String(window), String(Math.ceil(windowMs))];
      await client.sendCommand(args, { abortSignal: signal });
    },
  };
}
