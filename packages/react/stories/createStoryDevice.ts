import type { ChatSessionEnvironment, WakeEventTarget } from '@chatkit-session/core';
import type { StoryClock } from './createStoryClock.js';

/** What the story panels show of the device; a new object after every change. */
export interface StoryDeviceSnapshot {
  /** How far the device's wall clock is ahead of the story clock (the true time), in milliseconds. */
  readonly clockOffsetMs: number;
  readonly online: boolean;
  readonly visible: boolean;
}

/**
 * The browser a story's session runs in, with switches a person cannot flip on demand: the network, the page's
 * visibility and the wall clock. Its `environment` goes to `ChatSessionProvider`.
 */
export interface StoryDevice {
  /** The story clock the device's clocks and timers run on. */
  readonly clock: StoryClock;
  /**
   * The injected environment: the story clock's timers and monotonic clock, its wall clock plus the device's offset,
   * a seeded `random`, and the switches below. While the story clock follows real time, the real window's wake-up
   * events (focus, visibility, online) reach the session too; while a play function drives it, only the switches do.
   */
  readonly environment: ChatSessionEnvironment;
  /** Sets how far the device's wall clock is off (a wrong clock, not a jump: no event fires). */
  setClockOffset(ms: number): void;
  /** Goes offline (fires `offline`) or back online (fires `online`). */
  setOnline(online: boolean): void;
  /** Hides or shows the page (fires `visibilitychange`). */
  setVisible(visible: boolean): void;
  /**
   * Puts the laptop to sleep for `ms`: the page is hidden, the device's wall clock jumps by `ms` while no timer fires
   * and the monotonic clock stands still (as it does in sleep on most systems), then the page is shown again. (The
   * story's world does not sleep along: the backend's clock stays where it was, so the timeline stays readable.)
   */
  sleep(ms: number): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): StoryDeviceSnapshot;
}

/** The options of `createStoryDevice`. */
export interface StoryDeviceOptions {
  /** The clock the device runs on. */
  readonly clock: StoryClock;
  /** How far the wall clock is off at the start, in milliseconds. Defaults to `0`. */
  readonly clockOffsetMs?: number;
  /** The seed of `random` (the renewal point's and the backoff's jitter). Defaults to `1`. */
  readonly seed?: number;
}

/**
 * A small seeded generator (mulberry32): the same jitter on every run of a story.
 *
 * @param seed Any 32-bit number.
 * @returns A function returning numbers in [0, 1).
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Creates a story's device on the story clock.
 *
 * @param options The clock, the wall clock's offset and the seed.
 * @returns The device.
 */
export function createStoryDevice({ clock, clockOffsetMs = 0, seed = 1 }: StoryDeviceOptions): StoryDevice {
  const target = new EventTarget();
  const listeners = new Set<() => void>();
  let state: StoryDeviceSnapshot = { clockOffsetMs, online: true, visible: true };
  const update = (patch: Partial<StoryDeviceSnapshot>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };
  const dispatch = (type: string) => target.dispatchEvent(new Event(type));

  // The real window's events are forwarded only while the clock follows real time: a focus change from the test
  // runner must not reach a session whose time a play function drives.
  type Listener = (event: { readonly type: string }) => void;
  const forwarded = new Map<string, Map<Listener, (event: Event) => void>>();
  const eventTarget: WakeEventTarget = {
    addEventListener(type, listener) {
      target.addEventListener(type, listener);
      const ofType = forwarded.get(type) ?? new Map<Listener, (event: Event) => void>();
      forwarded.set(type, ofType);
      if (ofType.has(listener)) return;
      const fromWindow = (event: Event) => {
        if (!clock.isDriven()) listener(event);
      };
      ofType.set(listener, fromWindow);
      window.addEventListener(type, fromWindow);
    },
    removeEventListener(type, listener) {
      target.removeEventListener(type, listener);
      const fromWindow = forwarded.get(type)?.get(listener);
      if (!fromWindow) return;
      forwarded.get(type)?.delete(listener);
      window.removeEventListener(type, fromWindow);
    },
  };

  const setVisible = (visible: boolean) => {
    update({ visible });
    dispatch('visibilitychange');
  };
  const realVisible = () => clock.isDriven() || document.visibilityState !== 'hidden';
  const realOnline = () => clock.isDriven() || navigator.onLine !== false;

  return {
    clock,
    environment: {
      now: () => clock.now() + state.clockOffsetMs,
      monotonicNow: clock.monotonicNow,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      isVisible: () => state.visible && realVisible(),
      isOnline: () => state.online && realOnline(),
      eventTarget,
      random: createSeededRandom(seed),
    },
    setClockOffset(ms) {
      update({ clockOffsetMs: ms });
    },
    setOnline(online) {
      update({ online });
      dispatch(online ? 'online' : 'offline');
    },
    setVisible,
    sleep(ms) {
      setVisible(false);
      update({ clockOffsetMs: state.clockOffsetMs + ms });
      setVisible(true);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
  };
}
