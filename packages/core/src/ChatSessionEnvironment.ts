/** The part of an `EventTarget` the controller uses to hear wake-ups. */
export interface WakeEventTarget {
  addEventListener(type: string, listener: (event: { readonly type: string }) => void): void;
  removeEventListener(type: string, listener: (event: { readonly type: string }) => void): void;
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
