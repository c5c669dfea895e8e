/** What the endpoint asks a store when it counts (or gives back) one mint of a user. */
export interface UserBudgetRequest {
  /** How many mints a user may have in one window. */
  readonly limit: number;
  /** How long a window lasts, in milliseconds; it starts at the user's first mint after the last window ended. */
  readonly windowMs: number;
  /** The endpoint's clock, in epoch milliseconds; a store shared between servers may keep time by its own. */
  readonly now: number;
  /** Aborted when the endpoint stops waiting (its `timeoutMs`): stop the work, nobody reads the answer. */
  readonly signal: AbortSignal;
}

/** A store's answer to one mint: counted or refused, in which window, and when that window ends. */
export interface UserBudgetDecision {
  /** `true` when the mint was counted and may go ahead; `false` when the window is full (nothing was counted). */
  readonly allowed: boolean;
  /** Milliseconds until the user's window ends, when the budget allows a mint again. */
  readonly resetInMs: number;
  /** Which of the user's windows counted the mint, as the store names it; the endpoint hands it back to `refund`. */
  readonly window: string;
}

/** What the endpoint asks a store about one counted mint: the request that counted it, and its window. */
export interface UserBudgetWindowRequest extends UserBudgetRequest {
  /** The `window` of the decision that counted the mint. */
  readonly window: string;
}

/**
 * Where the mints of each user are counted: in this process (`createMemoryUserBudgetStore`) or shared by every
 * instance of the server (`createRedisUserBudgetStore` from `@chatkit-session/server/redis`).
 */
export interface UserBudgetStore {
  /** Counts one mint of the user when the window has room, atomically, and says whether it did. */
  consume(user: string, request: UserBudgetRequest): Promise<UserBudgetDecision>;
  /**
   * Gives back one counted mint that handed nothing out (OpenAI failed, the browser went away), to the window that
   * counted it; nothing when that window has ended, so a slow failure never adds room to the next window.
   */
  refund(user: string, request: UserBudgetWindowRequest): Promise<void>;
  /**
   * Ends the window that counted a mint no later than `request.windowMs` after it started (the lifetime of what that
   * mint handed out, when shorter than the window asked for); nothing when a newer window has started, and never
   * longer.
   */
  shorten(user: string, request: UserBudgetWindowRequest): Promise<void>;
}

/** How many sessions (or tokens) one signed-in user may get, and where that is counted. */
export interface UserBudgetOptions {
  /**
   * How many sessions (or tokens) one user may get in one window; the next request gets 429 with `Retry-After`.
   * Only mints handed out count. Defaults to `20`: each tab renews about once a lifetime, so that is room for
   * several tabs, reloads and retries, while no user holds more than about 20 live credentials.
   */
  readonly limit?: number | undefined;
  /**
   * How long a user's window lasts, in whole seconds, 1 to 86400; it starts at the user's first mint. Defaults to
   * the lifetime of what the endpoint hands out: a window starts as long as the lifetime the endpoint asks for
   * (`expiresAfterSeconds` or `lifetimeSeconds`, `600` unless set) and ends one handed-out lifetime (`expires_at`
   * against the answer's `Date`) after it started when that is shorter, as with a mock's 30-s sessions.
   */
  readonly windowSeconds?: number | undefined;
  /**
   * Where mints are counted. Defaults to a new `createMemoryUserBudgetStore()` of this endpoint: each instance of
   * the server counts on its own, so use the Redis store when several instances serve the same users.
   */
  readonly store?: UserBudgetStore | undefined;
  /** How long to wait for the store, in milliseconds, before treating it as failed. Defaults to `500`. */
  readonly timeoutMs?: number | undefined;
  /**
   * What a failed or slow store means: `true` mints anyway, uncounted (and calls `onStoreError`); `false` answers
   * 503 `user_budget_unavailable`, which the browser retries. Defaults to `true`: the budget guards against abuse,
   * and a store outage should not sign every user out of chat.
   */
  readonly failOpen?: boolean | undefined;
  /**
   * Called with the store's error when a mint went ahead uncounted (`failOpen`). Defaults to one `console.error`
   * line, without the user or the endpoint's secrets.
   */
  readonly onStoreError?: ((error: unknown) => void) | undefined;
}

/** The defaults of `userBudget`. */
export const USER_BUDGET_DEFAULTS = Object.freeze({
  /** Mints per user and window. */
  limit: 20,
  /** The longest window allowed, in seconds. */
  maxWindowSeconds: 86_400,
  /** How long to wait for the store, in milliseconds. */
  timeoutMs: 500,
  /** Mint anyway when the store fails. */
  failOpen: true,
} as const);
