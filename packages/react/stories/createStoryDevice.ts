import type { ChatSessionEnvironment, WakeEventTarget } from '@chatkit-session/core';

/** What the story panels show of the device; a new object after every change. */
export interface StoryDeviceSnapshot {
  /** How far the device's wall clock is ahead of the real one, in milliseconds. */
  readonly clockOffsetMs: number;
  readonly online: boolean;
  readonly visible: boolean;
}

/**
 * The browser a story's session runs in, with switches a person cannot flip on demand: the network, the page's
 * visibility and the wall clock. Its `environment` goes to `ChatSessionProvider`; the real window's wake-up events
 * (focus, visibility, online) still reach the session too.
 */
export interface StoryDevice {
  /** The injected environment: real timers, the real monotonic clock, and the switches below. */
  readonly environment: Partial<ChatSessionEnvironment>;
  /** Sets how far the device's wall clock is off (a wrong clock, not a jump: no event fires). */
  setClockOffset(ms: number): void;
  /** Goes offline (fires `offline`) or back online (fires `online`). */
  setOnline(online: boolean): void;
  /** Hides or shows the page (fires `visibilitychange`). */
  setVisible(visible: boolean): void;
  /**
   * Puts the laptop to sleep for `ms`: the page is hidden, the wall clock jumps by `ms` while no timer fires and the
   * monotonic clock stands still (as it does in sleep on most systems), then the page is shown again.
   */
  sleep(ms: number): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): StoryDeviceSnapshot;
}

/**
 * Creates a story's device.
 *
 * @param options How far the wall clock is off at the start, in milliseconds.
 * @returns The device.
 */
export function createStoryDevice({ clockOffsetMs = 0 } = {}): StoryDevice {
  const target = new EventTarget();
  const listeners = new Set<() => void>();
  let state: StoryDeviceSnapshot = { clockOffsetMs, online: true, visible: true };
  const update = (patch: Partial<StoryDeviceSnapshot>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };
  const dispatch = (type: string) => target.dispatchEvent(new Event(type));

  const eventTarget: WakeEventTarget = {
    addEventListener(type, listener) {
      target.addEventListener(type, listener);
      window.addEventListener(type, listener);
    },
    removeEventListener(type, listener) {
      target.removeEventListener(type, listener);
      window.removeEventListener(type, listener);
    },
  };

  const setVisible = (visible: boolean) => {
    update({ visible });
    dispatch('visibilitychange');
  };

  return {
    environment: {
      now: () => Date.now() + state.clockOffsetMs,
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
      isVisible: () => state.visible && document.visibilityState !== 'hidden',
      isOnline: () => state.online && navigator.onLine !== false,
      eventTarget,
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
