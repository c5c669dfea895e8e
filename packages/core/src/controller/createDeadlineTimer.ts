import type { ChatSessionEnvironment } from '../ChatSessionEnvironment.js';

// Browsers fire a longer delay at once (TanStack/query#6287); chunks stay far below it anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The one timer of a controller. */
export interface DeadlineTimer {
  /**
   * Arms the timer for the nearest of `waits` that lies ahead, at most one chunk; past ones never make it spin.
   *
   * @param waits Milliseconds until each deadline (zero or less when past).
   * @param poll Whether to wake after a chunk even with no deadline ahead (offline, waiting for another tab).
   * @param onFire Called when the timer fires.
   */
  arm(waits: readonly number[], poll: boolean, onFire: () => void): void;
  /** Disarms the timer. */
  clear(): void;
}

/**
 * Creates a controller's one timer, armed for the nearest future deadline in chunks so that sleep and throttling
 * show; it arms nothing yet.
 *
 * @param env The timers to use.
 * @param chunkMs The longest single wait.
 * @returns The timer.
 */
export function createDeadlineTimer(
  env: Pick<ChatSessionEnvironment, 'setTimeout' | 'clearTimeout'>,
  chunkMs: number,
): DeadlineTimer {
  let handle: unknown = null;
  const clear = () => {
    if (handle !== null) env.clearTimeout(handle);
    handle = null;
  };
  return {
    clear,
    arm(waits, poll, onFire) {
      clear();
      const ahead = waits.filter((ms) => ms > 0);
      if (ahead.length === 0 && !poll) return;
      handle = env.setTimeout(
        () => {
          handle = null;
          onFire();
        },
        Math.min(...ahead, chunkMs, MAX_TIMER_MS),
      );
    },
  };
}
