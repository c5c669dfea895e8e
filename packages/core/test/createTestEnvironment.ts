import { vi } from 'vitest';
import type { ChatSessionEnvironment } from '../src/index.js';

type Listener = (event: { readonly type: string }) => void;

/** A small seeded PRNG so jitter, faults and caller times repeat exactly from run to run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An environment on Vitest's fake timers: the wall clock is the fake `Date` plus a client clock error, the
 * monotonic clock is the fake `performance.now`, and wake-up events are dispatched by hand.
 */
export function createTestEnvironment({ clockOffsetMs = 0, seed = 1 } = {}) {
  const listeners = new Map<string, Set<Listener>>();
  const timerDelays: number[] = [];
  let monotonicExtraMs = 0;
  let visible = true;
  let online = true;
  let offsetMs = clockOffsetMs;

  const dispatch = (type: string) => {
    for (const listener of [...(listeners.get(type) ?? [])]) listener({ type });
  };
  const environment: ChatSessionEnvironment = {
    now: () => Date.now() + offsetMs,
    monotonicNow: () => performance.now() + monotonicExtraMs,
    setTimeout: (callback, ms) => {
      timerDelays.push(ms);
      return setTimeout(callback, ms);
    },
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    isVisible: () => visible,
    isOnline: () => online,
    eventTarget: {
      addEventListener: (type, listener) => {
        listeners.set(type, (listeners.get(type) ?? new Set()).add(listener));
      },
      removeEventListener: (type, listener) => {
        listeners.get(type)?.delete(listener);
      },
    },
    random: createRandom(seed),
    createBroadcastChannel: () => null,
    locks: null,
  };

  return {
    environment,
    timerDelays,
    /** How many wake-up listeners are registered. */
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    dispatch,
    /** The machine sleeps: the wall clock runs on, no timer fires; the monotonic clock pauses unless told. */
    sleep(ms: number, { monotonicAdvances = false } = {}) {
      vi.setSystemTime(Date.now() + ms);
      if (monotonicAdvances) monotonicExtraMs += ms;
    },
    /** The user (or NTP) sets the wall clock; nothing else changes. */
    jumpWallClock(ms: number) {
      offsetMs += ms;
    },
    setVisible(value: boolean) {
      visible = value;
      dispatch('visibilitychange');
    },
    setOnline(value: boolean) {
      online = value;
      dispatch(value ? 'online' : 'offline');
    },
  };
}
