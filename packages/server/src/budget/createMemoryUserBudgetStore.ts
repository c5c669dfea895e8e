import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import type {
  UserBudgetDecision,
  UserBudgetRequest,
  UserBudgetStore,
  UserBudgetWindowRequest,
} from './UserBudgetOptions.js';

/** A user budget store in this process's memory. */
export interface MemoryUserBudgetStore extends UserBudgetStore {
  /** How many users it holds a window for, expired ones not yet swept included. */
  readonly size: number;
}

/** How much `createMemoryUserBudgetStore` holds. */
export interface MemoryUserBudgetStoreOptions {
  /**
   * The most users it holds a window for; a new window past it evicts the oldest one, whose user then starts a new
   * count (the budget goes lenient, never stricter). Each costs about 200 bytes with a 25-character user id, more
   * with longer ids. Defaults to `50_000` (about 10 MB).
   */
  readonly maxUsers?: number | undefined;
}

interface UserWindow {
  count: number;
  readonly id: string;
  readonly startedAt: number;
  endsAt: number;
}

const CREATOR = 'createMemoryUserBudgetStore';
const KNOWN = optionNames<MemoryUserBudgetStoreOptions>({ maxUsers: true });
const DEFAULT_MAX_USERS = 50_000;

function readMaxUsers(options: MemoryUserBudgetStoreOptions): number {
  assertKnownOptions(CREATOR, options, KNOWN);
  const { maxUsers = DEFAULT_MAX_USERS } = options;
  if (typeof maxUsers !== 'number' || !Number.isSafeInteger(maxUsers) || maxUsers < 1) {
    const got = typeof maxUsers === 'number' ? String(maxUsers) : typeof maxUsers;
    throw new TypeError(`${CREATOR}: maxUsers must be a whole number of 1 or more, got ${got}.`);
  }
  return maxUsers;
}

/**
 * Creates a user budget store that counts in this process's memory, on the endpoint's clock.
 *
 * Memory stays bounded: every call first drops the windows that have ended, and past `maxUsers` the oldest window
 * makes room for the new one. Each server instance counts on its own; several instances, or more users active
 * within one window than `maxUsers`, share a budget through `createRedisUserBudgetStore` from
 * `@chatkit-session/server/redis`.
 *
 * @param options How many users it holds at most.
 * @returns The store, for `userBudget.store` of one or several endpoints that should share a budget.
 * @throws {TypeError} When `maxUsers` is not a whole number of 1 or more, or an option is unknown.
 * @example
 * const store = createMemoryUserBudgetStore({ maxUsers: 10_000 });
 * const session = createChatSessionHandler({ ...options, userBudget: { store } });
 */
export function createMemoryUserBudgetStore(options: MemoryUserBudgetStoreOptions = {}): MemoryUserBudgetStore {
  const maxUsers = readMaxUsers(options);
  // A Map iterates in insertion order, and a window is (re)inserted when it starts: the oldest come first, so the
  // sweep stops at the first live one, each window is swept once, and eviction takes the first. (A window longer than
  // those behind it, when endpoints with different windows share the store or a window was shortened, only delays
  // their sweep until it ends.)
  const windows = new Map<string, UserWindow>();
  // Names each window apart from every other, so a refund finds the window it was counted in or none.
  let started = 0;
  const sweep = (now: number) => {
    for (const [user, window] of windows) {
      if (window.endsAt > now) return;
      windows.delete(user);
    }
  };
  const startWindow = (user: string, now: number, windowMs: number) => {
    windows.delete(user);
    for (const oldest of windows.keys()) {
      if (windows.size < maxUsers) break;
      windows.delete(oldest);
    }
    started += 1;
    const window: UserWindow = { count: 0, id: String(started), startedAt: now, endsAt: now + windowMs };
    windows.set(user, window);
    return window;
  };

  return {
    get size() {
      return windows.size;
    },
    async consume(user: string, { limit, windowMs, now }: UserBudgetRequest): Promise<UserBudgetDecision> {
      sweep(now);
      const live = windows.get(user);
      const window = live && live.endsAt > now ? live : startWindow(user, now, windowMs);
      const allowed = window.count < limit;
      if (allowed) window.count += 1;
      return { allowed, resetInMs: window.endsAt - now, window: window.id };
    },
    async refund(user: string, { window: id }: UserBudgetWindowRequest): Promise<void> {
      const window = windows.get(user);
      // An ended window may linger until swept; what it gets back is never counted again.
      if (window?.id === id && window.count > 0) window.count -= 1;
    },
    async shorten(user: string, { window: id, windowMs }: UserBudgetWindowRequest): Promise<void> {
      const window = windows.get(user);
      if (window?.id === id) window.endsAt = Math.min(window.endsAt, window.startedAt + windowMs);
    },
  };
}
