import type { ChatSessionEnvironment } from './ChatSessionEnvironment.js';

// Browsers fire a longer delay at once (TanStack/query#6287); chunks stay far below it anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The one timer of a controller, armed for the nearest future deadline in chunks so sleep and throttling show. */
export class DeadlineTimer {
  readonly #env: Pick<ChatSessionEnvironment, 'setTimeout' | 'clearTimeout'>;
  readonly #chunkMs: number;
  #handle: unknown = null;

  /**
   * Creates the timer; it arms nothing yet.
   *
   * @param env The timers to use.
   * @param chunkMs The longest single wait.
   */
  constructor(env: Pick<ChatSessionEnvironment, 'setTimeout' | 'clearTimeout'>, chunkMs: number) {
    this.#env = env;
    this.#chunkMs = chunkMs;
  }

  /**
   * Arms the timer for the nearest of `waits` that lies ahead, at most one chunk; past ones never make it spin.
   *
   * @param waits Milliseconds until each deadline (zero or less when past).
   * @param poll Whether to wake after a chunk even with no deadline ahead (offline, waiting for another tab).
   * @param onFire Called when the timer fires.
   */
  arm(waits: readonly number[], poll: boolean, onFire: () => void): void {
    this.clear();
    const ahead = waits.filter((ms) => ms > 0);
    if (ahead.length === 0 && !poll) return;
    this.#handle = this.#env.setTimeout(
      () => {
        this.#handle = null;
        onFire();
      },
      Math.min(...ahead, this.#chunkMs, MAX_TIMER_MS),
    );
  }

  /** Disarms the timer. */
  clear(): void {
    if (this.#handle === null) return;
    this.#env.clearTimeout(this.#handle);
    this.#handle = null;
  }
}
