import type { UserBudgetDecision, UserBudgetRequest, UserBudgetStore } from './UserBudgetOptions.js';

/** A user budget store in this process's memory. */
export interface MemoryUserBudgetStore extends UserBudgetStore {
  /** How many users it holds a window for, expired ones not yet swept included. */
  readonly size: number;
}

interface UserWindow {
  count: number;
  readonly endsAt: number;
}

/**
 * Creates a user budget store that counts in this process's memory, on the endpoint's clock.
 *
 * Memory stays bounded by the users active within one window: every call first drops the windows that have ended.
 * Each server instance counts on its own; several instances share a budget through
 * `createRedisUserBudgetStore` from `@chatkit-session/server/redis`.
 *
 * @returns The store, for `userBudget.store` of one or several endpoints that should share a budget.
 * @example
 * const store = createMemoryUserBudgetStore();
 * const session = createChatSessionHandler({ ...options, userBudget: { store } });
 */
export function createMemoryUserBudgetStore(): MemoryUserBudgetStore {
  // A Map iterates in insertion order, and a window is (re)inserted when it starts: the oldest come first, so the
  // sweep stops at the first live one, and each window is swept once. (A window longer than those behind it, when
  // endpoints with different windows share the store, only delays their sweep until it ends itself.)
  const windows = new Map<string, UserWindow>();
  const sweep = (now: number) => {
    for (const [user, window] of windows) {
      if (window.endsAt > now) return;
      windows.delete(user);
    }
  };
  const liveWindow = (user: string, now: number) => {
    const window = windows.get(user);
    return window && window.endsAt > now ? window : undefined;
  };

  return {
    get size() {
      return windows.size;
    },
    async consume(user: string, { limit, windowMs, now }: UserBudgetRequest): Promise<UserBudgetDecision> {
      sweep(now);
      let window = liveWindow(user, now);
      if (!window) {
        window = { count: 0, endsAt: now + windowMs };
        windows.delete(user);
        windows.set(user, window);
      }
      const allowed = window.count < limit;
      if (allowed) window.count += 1;
      return { allowed, resetInMs: window.endsAt - now };
    },
    async refund(user: string, { now }: UserBudgetRequest): Promise<void> {
      const window = liveWindow(user, now);
      if (window && window.count > 0) window.count -= 1;
    },
  };
}
