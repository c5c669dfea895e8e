import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import { createMemoryUserBudgetStore } from './createMemoryUserBudgetStore.js';
import { USER_BUDGET_DEFAULTS, type UserBudgetOptions, type UserBudgetStore } from './UserBudgetOptions.js';

/** An endpoint's user budget, checked once and with its defaults filled in. */
export interface UserBudgetConfig {
  readonly limit: number;
  /** The longest window, in seconds. */
  readonly windowSeconds: number;
  /** Whether a window ends one handed-out lifetime after it started (no `windowSeconds` was given). */
  readonly followsLifetime: boolean;
  readonly store: UserBudgetStore;
  readonly timeoutMs: number;
  readonly failOpen: boolean;
  /** Told when a mint went ahead uncounted; never throws. */
  readonly onStoreError: ((error: unknown) => void) | undefined;
}

const KNOWN = optionNames<UserBudgetOptions>({
  limit: true,
  windowSeconds: true,
  store: true,
  timeoutMs: true,
  failOpen: true,
  onStoreError: true,
});

function wholeNumber(creator: string, name: string, value: unknown, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    const got = typeof value === 'number' ? String(value) : typeof value;
    throw new TypeError(`${creator}: userBudget.${name} must be a whole number from 1 to ${max}, got ${got}.`);
  }
  return value;
}

function readStore(creator: string, store: unknown): UserBudgetStore {
  if (store === undefined) return createMemoryUserBudgetStore();
  const candidate = store as Partial<UserBudgetStore> | null;
  const methods = [candidate?.consume, candidate?.refund, candidate?.shorten];
  if (methods.some((method) => typeof method !== 'function')) {
    throw new TypeError(
      `${creator}: userBudget.store must have consume(), refund() and shorten(), such as createMemoryUserBudgetStore() or ` +
        "createRedisUserBudgetStore() from '@chatkit-session/server/redis'.",
    );
  }
  return candidate as UserBudgetStore;
}

function readOptional<T>(creator: string, name: string, value: unknown, type: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== type) throw new TypeError(`${creator}: userBudget.${name} must be a ${type}.`);
  return value as T;
}

/**
 * Checks an endpoint's `userBudget` option and fills in its defaults.
 *
 * @param creator The public function the option belongs to, for the message.
 * @param options The option as given: `false`, `undefined` (the defaults) or the settings.
 * @param lifetimeSeconds The lifetime of what the endpoint hands out: the default window.
 * @returns The budget, or `null` when `userBudget` is `false`.
 * @throws {TypeError} When the option, or one of its settings, is malformed or unknown; the message names it.
 */
export function resolveUserBudget(
  creator: string,
  options: UserBudgetOptions | false | undefined,
  lifetimeSeconds: number,
): UserBudgetConfig | null {
  if (options === false) return null;
  const given: UserBudgetOptions = options ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new TypeError(`${creator}: userBudget must be { limit?, windowSeconds?, store?, … }, or false for none.`);
  }
  assertKnownOptions(creator, given, KNOWN, {}, 'userBudget');
  const { maxWindowSeconds } = USER_BUDGET_DEFAULTS;
  // A malformed lifetime fails its own check elsewhere; the window must not turn NaN before that.
  const lifetime = Number.isFinite(lifetimeSeconds) ? Math.ceil(lifetimeSeconds) : 600;
  const window = Math.min(Math.max(1, lifetime), maxWindowSeconds);
  return {
    limit: wholeNumber(creator, 'limit', given.limit, Number.MAX_SAFE_INTEGER, USER_BUDGET_DEFAULTS.limit),
    windowSeconds: wholeNumber(creator, 'windowSeconds', given.windowSeconds, maxWindowSeconds, window),
    followsLifetime: given.windowSeconds === undefined,
    store: readStore(creator, given.store),
    timeoutMs: wholeNumber(creator, 'timeoutMs', given.timeoutMs, 60_000, USER_BUDGET_DEFAULTS.timeoutMs),
    failOpen: readOptional(creator, 'failOpen', given.failOpen, 'boolean', USER_BUDGET_DEFAULTS.failOpen as boolean),
    onStoreError: readOptional(creator, 'onStoreError', given.onStoreError, 'function', undefined),
  };
}
