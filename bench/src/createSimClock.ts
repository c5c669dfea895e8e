import type { ChatSessionEnvironment, WakeEventTarget } from '@chatkit-session/core';
import { createRandom } from './createRandom.js';

type Listener = (event: { readonly type: string }) => void;

interface Timer {
  readonly id: number;
  /** When it fires, in true time (epoch milliseconds). */
  due: number;
  readonly seq: number;
  readonly callback: () => void;
  /** The period of an interval, or `null` for a timeout. */
  readonly everyMs: number | null;
}

/** The options of `createSimClock`. */
export interface SimClockOptions {
  /** The true time at the start, in epoch milliseconds. */
  readonly startMs: number;
  /** How far the client's wall clock is ahead of true time, in milliseconds. Defaults to `0`. */
  readonly wallSkewMs?: number;
  /** The seed of the environment's `random`. Defaults to `1`. */
  readonly seed?: number;
}

/** Lets microtasks and promise chains started by a timer settle before the next timer fires. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Creates a discrete-event clock: true time, a skewed client wall clock, a monotonic clock that may pause in sleep,
 * timers that fire only when `runUntil` moves time past them, and hand-dispatched wake-up events. Nothing reads real
 * time.
 *
 * @param options The start, skew and seed.
 * @returns The clock, with `environment` ready for `createChatSessionController`.
 * @example
 * const clock = createSimClock({ startMs: Date.UTC(2026, 10, 26) });
 * clock.setTimeout(() => console.log('a second later'), 1000);
 * await clock.runUntil(clock.trueNow() + 1000);
 */
export function createSimClock({ startMs, wallSkewMs = 0, seed = 1 }: SimClockOptions) {
  const timers = new Map<number, Timer>();
  const listeners = new Map<string, Set<Listener>>();
  let trueMs = startMs;
  let pausedMs = 0;
  let nextId = 1;
  let visible = true;

  const schedule = (callback: () => void, ms: number, everyMs: number | null) => {
    const id = nextId++;
    timers.set(id, { id, due: trueMs + Math.max(0, ms), seq: id, callback, everyMs });
    return id;
  };
  const cancel = (handle: unknown) => {
    timers.delete(handle as number);
  };
  const nextTimer = () => {
    let next: Timer | undefined;
    for (const timer of timers.values()) {
      if (!next || timer.due < next.due || (timer.due === next.due && timer.seq < next.seq)) next = timer;
    }
    return next;
  };
  const dispatch = (type: string) => {
    for (const listener of [...(listeners.get(type) ?? [])]) listener({ type });
  };
  const eventTarget: WakeEventTarget = {
    addEventListener: (type, listener) => {
      listeners.set(type, (listeners.get(type) ?? new Set()).add(listener));
    },
    removeEventListener: (type, listener) => {
      listeners.get(type)?.delete(listener);
    },
  };
  // Only what the simulation drives; anything else (tab sharing) keeps the controller's default.
  const environment = {
    now: () => trueMs + wallSkewMs,
    monotonicNow: () => trueMs - pausedMs - startMs,
    setTimeout: (callback, ms) => schedule(callback, ms, null),
    clearTimeout: cancel,
    isVisible: () => visible,
    isOnline: () => true,
    eventTarget,
    random: createRandom(seed),
  } satisfies Partial<ChatSessionEnvironment>;

  return {
    environment,
    eventTarget,
    trueNow: () => trueMs,
    wallNow: environment.now,
    setTimeout: environment.setTimeout as (callback: () => void, ms: number) => number,
    clearTimeout: cancel,
    setInterval: (callback: () => void, ms: number) => schedule(callback, ms, Math.max(1, ms)),
    clearInterval: cancel,
    dispatch,
    isVisible: () => visible,
    /** Sets the page's visibility and fires `visibilitychange`. */
    setVisible(value: boolean) {
      visible = value;
      dispatch('visibilitychange');
    },
    /**
     * The machine sleeps: true and wall time jump, no timer fires. With a paused monotonic clock, pending timers
     * fire late by the whole sleep; otherwise the overdue ones fire at once on the next `runUntil`.
     */
    sleep(ms: number, { monotonicAdvances }: { monotonicAdvances: boolean }) {
      trueMs += ms;
      if (monotonicAdvances) return;
      pausedMs += ms;
      for (const timer of timers.values()) timer.due += ms;
    },
    /** Fires every timer due up to `untilMs` in order, letting promise chains settle after each. */
    async runUntil(untilMs: number, step: (fire: () => void) => Promise<void> = defaultStep) {
      // Work already started may still arm timers: let it settle before time moves.
      await step(noop);
      for (let timer = nextTimer(); timer && timer.due <= untilMs; timer = nextTimer()) {
        trueMs = Math.max(trueMs, timer.due);
        if (timer.everyMs === null) timers.delete(timer.id);
        // A late interval fires once and goes on from now, as browsers do: missed ticks are not caught up.
        else timer.due = trueMs + timer.everyMs;
        await step(timer.callback);
      }
      trueMs = Math.max(trueMs, untilMs);
      await step(noop);
    },
    pendingTimers: () => timers.size,
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

const noop = () => {};
const defaultStep = async (fire: () => void) => {
  fire();
  await settle();
};

/** A clock made by `createSimClock`. */
export type SimClock = ReturnType<typeof createSimClock>;
