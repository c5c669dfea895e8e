import type { SimBackend } from '../createSimBackend.js';
import type { SimClock } from '../createSimClock.js';

/** One way an app hands ChatKit its client secrets, running on the simulated day. */
export interface RenewalStrategy {
  /** ChatKit's `api.getClientSecret(currentClientSecret)`. */
  getClientSecret(currentClientSecret: string | null): Promise<string>;
  /**
   * Tells the strategy a chat is on the page (it needs the credential) until the returned function is called; the
   * caller calls it on mount and the returned function on unmount. Strategies that renew regardless omit it.
   */
  openChat?(): () => void;
  /** Stops every timer and listener of the strategy. */
  dispose(): void;
}

/** What a strategy is built from when the app loads: the simulated clock and the app's session endpoint. */
export interface RenewalStrategyContext {
  readonly clock: SimClock;
  readonly backend: SimBackend;
}

/** A named strategy, as the tables list it. */
export interface RenewalStrategyDefinition {
  readonly name: string;
  /** How it renews, in a few words, for the README and RESULTS.md. */
  readonly summary: string;
  /** Marks our own strategies: the goal lines of RESULTS.md judge their rows. Defaults to `false`. */
  readonly ours?: boolean;
  readonly create: (context: RenewalStrategyContext) => RenewalStrategy;
}
