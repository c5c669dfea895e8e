/** The part of an `EventTarget` the controller uses to hear wake-ups. */
export interface WakeEventTarget {
  addEventListener(type: string, listener: (event: { readonly type: string }) => void): void;
  removeEventListener(type: string, listener: (event: { readonly type: string }) => void): void;
}

/** The part of a `BroadcastChannel` that tabs sharing a session use. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

/** The part of the Web Locks API that tabs sharing a session use (only with `ifAvailable`). */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/**
 * Everything a session controller takes from its surroundings; tests and non-browser hosts inject their own.
 */
export interface ChatSessionEnvironment {
  /** The wall clock in milliseconds since the epoch. Defaults to `Date.now`. */
  now(): number;
  /** A clock that never jumps, in milliseconds. Defaults to `performance.now`, else `Date.now`. */
  monotonicNow(): number;
  /** Schedules a callback. Defaults to `globalThis.setTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a scheduled callback. Defaults to `globalThis.clearTimeout`. */
  clearTimeout(handle: unknown): void;
  /** Whether the page is visible. Defaults to `document.visibilityState !== 'hidden'`, or `true` without a document. */
  isVisible(): boolean;
  /** Whether the device believes it is online. Defaults to `navigator.onLine`, or `true` without a navigator. */
  isOnline(): boolean;
  /**
   * Where `visibilitychange`, `pageshow`, `focus` and `online` fire. Defaults to `window`, or `null` (no wake-ups)
   * without one, as on a server.
   */
  eventTarget: WakeEventTarget | null;
  /** A number in [0, 1) for jitter. Defaults to `Math.random`. */
  random(): number;
  /**
   * Opens a channel to the other tabs of this origin, for `shareAcrossTabs`. Defaults (in `createTabSync`, so that
   * apps without tab sharing do not ship it) to `new BroadcastChannel(name)`, or `null` (no sharing) where
   * `BroadcastChannel` is missing.
   */
  createBroadcastChannel?(name: string): BroadcastChannelLike | null;
  /**
   * The Web Locks API, for `shareAcrossTabs`. Defaults (in `createTabSync`) to `navigator.locks`, or `null` where it
   * is missing.
   */
  locks?: LockManagerLike | null;
}

/** The events after which a controller checks its session at once (after sleep, throttling or a lost network). */
export const WAKE_EVENTS = ['visibilitychange', 'pageshow', 'focus', 'online'] as const;

/**
 * Creates the environment of the current JavaScript host: the browser's clocks, timers and events, or on a server
 * the clocks and timers only. Touches nothing until a controller calls it.
 *
 * @param overrides Parts to replace, for example in tests.
 * @returns The environment.
 */
export function createChatSessionEnvironment(overrides: Partial<ChatSessionEnvironment> = {}): ChatSessionEnvironment {
  const host = globalThis as {
    window?: WakeEventTarget;
    document?: { visibilityState?: string };
    navigator?: { onLine?: boolean };
    performance?: { now(): number };
  };
  return {
    now: () => Date.now(),
    monotonicNow: () => (host.performance ? host.performance.now() : Date.now()),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    isVisible: () => host.document?.visibilityState !== 'hidden',
    isOnline: () => host.navigator?.onLine !== false,
    eventTarget: host.window ?? null,
    random: Math.random,
    ...overrides,
  };
}

/**
 * Listens for the wake-up events on the environment's event target (nothing without one).
 *
 * @param env The environment.
 * @param onWake Called with each event.
 * @returns The function that stops listening.
 */
export function listenForWakeUps(
  env: Pick<ChatSessionEnvironment, 'eventTarget'>,
  onWake: (event: { readonly type: string }) => void,
): () => void {
  const target = env.eventTarget;
  for (const type of WAKE_EVENTS) target?.addEventListener(type, onWake);
  return () => {
    for (const type of WAKE_EVENTS) target?.removeEventListener(type, onWake);
  };
}
