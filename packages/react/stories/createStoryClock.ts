/** One pending timer of a story clock. */
interface StoryTimer {
  readonly id: number;
  /** When it fires, on the story clock (epoch milliseconds). */
  readonly due: number;
  readonly callback: () => void;
}

/** A request of the story's app on its way through real I/O (`fetch`, the service worker, MSW). */
interface Work {
  /** `busy` while real work is under way; `parked` while it waits on this clock (the backend's latency). */
  state: 'busy' | 'parked' | 'ended';
}

/** What the story panels show of the clock; a new object after every change. */
export interface StoryClockSnapshot {
  /** `real-time` (it follows the real clock) or `driven` (it moves only when the play function moves it). */
  readonly mode: 'real-time' | 'driven';
  /** The story clock at the last change, in epoch milliseconds (while it follows real time, read `now()`). */
  readonly now: number;
}

/** The options of `advance`. */
export interface AdvanceOptions {
  /**
   * Called at every stop (before the first timer, after each timer, and at the end), once the page has settled;
   * return `true` to stop there.
   */
  readonly onStop?: () => boolean;
}

/**
 * The one clock a story runs on: the device's clocks and timers, the backend's `Date`, `expires_at` and latency, and
 * every countdown and timeline on the page read it.
 *
 * It is either **real-time** (it follows the real clock, for a person watching the story) or **driven** (it stands
 * still, and only `advance` moves it, firing each due timer in order and waiting for the page to settle after each
 * one). A play function drives it, so what the page does between two timers (requests through MSW, React renders)
 * happens while no time passes on the story's clock, however slow the machine: the same story reaches the same state
 * at the same instant on every run.
 */
export interface StoryClock {
  /** When the story started, on its clock (epoch milliseconds, a whole second). */
  readonly startedAt: number;
  /** The story clock's wall time, in epoch milliseconds: the true time of the story's world. */
  now(): number;
  /** Milliseconds since the clock was created; never jumps. */
  monotonicNow(): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: unknown): void;
  /**
   * Waits `ms` on this clock, or until `signal` aborts.
   *
   * @param ms How long.
   * @param signal Cuts the wait short, rejecting with its reason.
   * @returns A promise that resolves after the wait.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Whether the clock follows the real one (a person watches) or stands still until `advance` (a play drives it). */
  isDriven(): boolean;
  /** Stops following the real clock: time stands still until `advance`. */
  drive(): void;
  /** Follows the real clock from where it stands, firing timers as they come due. */
  followRealTime(): void;
  /**
   * Moves the driven clock on by `ms`, firing every timer that comes due in order, and waiting after each for the page
   * to settle (see `settle`).
   *
   * @param ms How far.
   * @param options A check at every stop.
   * @returns Whether `onStop` stopped it early.
   */
  advance(ms: number, options?: AdvanceOptions): Promise<boolean>;
  /**
   * Waits, in real time, until the page is quiet: no request of the story's app is under way (other than those that
   * wait on this clock) and the page went idle twice with none, so responses are read and React rendered. (React
   * throttles the reveal of a Suspense boundary on the real clock: wait for that with `until`.)
   */
  settle(): Promise<void>;
  /**
   * Marks a request of the story's app as real work until it ends, so `settle` waits for it.
   *
   * @returns Its id (sent to the backend, which parks it while it waits on the clock) and the function that ends it.
   */
  beginWork(): { readonly id: string; end(): void };
  /**
   * Parks a request of the app while it waits on this clock (the backend's latency): `settle` does not wait for it.
   *
   * @param id The id `beginWork` gave (`null` for a request from elsewhere: nothing to park).
   * @param wait The wait.
   * @returns The wait.
   */
  park<T>(id: string | null, wait: Promise<T>): Promise<T>;
  subscribe(listener: () => void): () => void;
  getSnapshot(): StoryClockSnapshot;
}

// Idle periods of the page with no request under way before it counts as settled: a response's body is read and
// React renders (its scheduler posts tasks, so the page is not idle while it has work) before the first.
const QUIET_TURNS = 2;
// Real time a request may take before `settle` gives up: a hung request is a failure, not something to wait out.
const SETTLE_LIMIT_MS = 15_000;

// A paced `advance` (for a person watching a play) takes as much real time as it moves the clock, but no more than this.
const MAX_PACED_ADVANCE_MS = 4_000;

/** Resolves in the page's next idle period: once every task queued before it, and those they queue, ran. */
const nextIdle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 1_000 }));

/** The options of `createStoryClock`. */
export interface StoryClockOptions {
  /** Whether it starts standing still, for a play function to drive. Defaults to `false`. */
  readonly driven?: boolean;
  /**
   * Whether `advance` also takes real time, as long as the time it moves (at most 4 s a call), so that a person
   * watching a play function sees the story unfold; the state reached is the same. Defaults to `false` (as fast as
   * the page settles: the test runner).
   */
  readonly paced?: boolean;
}

/**
 * Creates a story clock, starting at a whole second of the real clock so that the 1-second `Date` header rounds the
 * same way on every run.
 *
 * @param options Whether it starts driven, and whether a driven clock is paced.
 * @returns The clock.
 */
export function createStoryClock({ driven = false, paced = false }: StoryClockOptions = {}): StoryClock {
  const start = Math.floor(Date.now() / 1000) * 1000;
  const timers = new Map<number, StoryTimer>();
  const listeners = new Set<() => void>();
  const works = new Map<string, Work>();
  const idleWaiters = new Set<() => void>();
  let nextId = 1;
  let nextWork = 1;
  /** The story time at `anchor`; while driven, the story time. */
  let base = start;
  /** `performance.now()` when the clock last started following the real one; `null` while driven. */
  let anchor: number | null = driven ? null : performance.now();
  let realTimer: ReturnType<typeof setTimeout> | null = null;
  let snapshot: StoryClockSnapshot = { mode: driven ? 'driven' : 'real-time', now: start };

  const now = () => (anchor === null ? base : base + (performance.now() - anchor));
  const notify = () => {
    snapshot = { mode: anchor === null ? 'driven' : 'real-time', now: now() };
    for (const listener of [...listeners]) listener();
  };
  const earliest = () => {
    let next: StoryTimer | undefined;
    for (const timer of timers.values()) if (!next || timer.due < next.due) next = timer;
    return next;
  };
  const fire = (timer: StoryTimer) => {
    timers.delete(timer.id);
    try {
      timer.callback();
    } catch (error) {
      // As a browser reports an exception thrown by a timer: the story sees an unhandled error.
      reportError(error);
    }
  };
  /** While following the real clock: one real timer, armed for the earliest story timer. */
  const armRealTimer = () => {
    if (realTimer !== null) clearTimeout(realTimer);
    realTimer = null;
    const next = earliest();
    if (anchor === null || !next) return;
    realTimer = setTimeout(
      () => {
        realTimer = null;
        const due = earliest();
        if (due && due.due <= now()) fire(due);
        armRealTimer();
      },
      Math.max(0, next.due - now()),
    );
  };
  const busyCount = () => [...works.values()].filter((work) => work.state === 'busy').length;
  const checkIdle = () => {
    if (busyCount() > 0) return;
    for (const resolve of [...idleWaiters]) resolve();
    idleWaiters.clear();
  };
  const whenIdle = () =>
    new Promise<void>((resolve, reject) => {
      const limit = setTimeout(() => {
        idleWaiters.delete(done);
        reject(
          new Error(
            `The story clock waited ${SETTLE_LIMIT_MS / 1000} s of real time for ${busyCount()} request(s) of the ` +
              'story to reach the backend or come back; none did.',
          ),
        );
      }, SETTLE_LIMIT_MS);
      const done = () => {
        clearTimeout(limit);
        resolve();
      };
      idleWaiters.add(done);
      checkIdle();
    });

  const settle = async () => {
    for (let quiet = 0; quiet < QUIET_TURNS; ) {
      if (busyCount() > 0) {
        await whenIdle();
        quiet = 0;
        continue;
      }
      await nextIdle();
      if (busyCount() === 0) quiet += 1;
    }
  };

  const clock: StoryClock = {
    startedAt: start,
    now,
    monotonicNow: () => now() - start,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { id, due: now() + Math.max(0, Number(ms) || 0), callback });
      if (anchor !== null) armRealTimer();
      return id;
    },
    clearTimeout(handle) {
      if (!timers.delete(handle as number)) return;
      if (anchor !== null) armRealTimer();
    },
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          clock.clearTimeout(handle);
          reject(signal?.reason);
        };
        const handle = clock.setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    isDriven: () => anchor === null,
    drive() {
      if (anchor === null) return;
      base = now();
      anchor = null;
      armRealTimer();
      notify();
    },
    followRealTime() {
      if (anchor !== null) return;
      anchor = performance.now();
      armRealTimer();
      notify();
    },
    async advance(ms, { onStop } = {}) {
      clock.drive();
      const target = base + ms;
      // Real milliseconds per story millisecond while paced.
      const pace = paced && ms > 0 ? Math.min(1, MAX_PACED_ADVANCE_MS / ms) : 0;
      for (;;) {
        await settle();
        if (onStop?.()) return true;
        const next = earliest();
        const to = next && next.due <= target ? Math.max(base, next.due) : target;
        if (pace > 0 && to > base) await new Promise((resolve) => setTimeout(resolve, (to - base) * pace));
        if (next && next.due <= target) {
          // Timers set for the past (a zero delay set a moment ago) fire now, in the order they were set.
          base = to;
          notify();
          fire(next);
          continue;
        }
        if (base >= target) return false;
        base = target;
        notify();
      }
    },
    settle,
    beginWork() {
      const id = `work-${nextWork++}`;
      const work: Work = { state: 'busy' };
      works.set(id, work);
      return {
        id,
        end() {
          work.state = 'ended';
          works.delete(id);
          checkIdle();
        },
      };
    },
    async park(id, wait) {
      const work = id === null ? undefined : works.get(id);
      if (work?.state === 'busy') {
        work.state = 'parked';
        checkIdle();
      }
      try {
        return await wait;
      } finally {
        if (work?.state === 'parked') work.state = 'busy';
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
  return clock;
}
