import type { SeamsViolationKind } from './seamsInvariants.js';
import type { Page } from './seamsScenario.js';

/** What the components of one seed report to, and what the invariants read. */
export interface SeamsHarness {
  page: Page;
  /** The sessionKey of the last commit (set in a layout effect, with the provider's own). */
  committedKey: string;
  /** When it was committed, in timer time. */
  switchedAt: number;
  /** How many user switches have committed. */
  switches: number;
  /** When the laptop last slept, in timer time. */
  sleptAt: number;
  /** When the laptop last slept with a request in flight, in timer time. */
  sleptInFlightAt: number;
  lifetimeMs: number;
  minValidityMs: number;
  /** Which user each secret the backend minted was minted for (the key the provider was rendered with). */
  mintedFor: Map<string, string>;
  /** Notes that the backend answered the current controller of `key` with a session. */
  noteAnswered: (key: string) => void;
  expiryOf: (secret: string) => number | undefined;
  /** Whether the controller of `key` is failing right now (its state carries an error). */
  isFailing: (key: string) => boolean;
  log: (line: string) => void;
  violate: (kind: SeamsViolationKind, message: string) => void;
  noteCall: (key: string, why: string) => void;
  /** Counts a call waiting on the controller of `key` until it settles. */
  waitOn: (key: string, call: Promise<unknown>) => void;
  /** Every `getClientSecret` function handed out by this provider. */
  identities: Set<unknown>;
  /** The stand-in's `getClientSecret` and the secret it holds (`null` when a new stand-in mounts). */
  chat: {
    getClientSecret: ((current?: string | null) => Promise<string>) | null;
    secret: string | null;
    instance: number;
  };
  prefetch: (() => Promise<void>) | null;
  pendingCalls: number;
  finished: boolean;
  /** Whether useSuspenseChatSession is running in a render. */
  renderingSuspense: boolean;
  mountedReaders: number;
}

// One seed runs at a time; its components report here.
let current: SeamsHarness | undefined;

/** Makes `harness` the one the components of the seed now running report to. */
export function setSeamsHarness(harness: SeamsHarness): void {
  current = harness;
}

/** The harness of the seed now running. */
export function getSeamsHarness(): SeamsHarness {
  if (!current) throw new Error('no seed is running');
  return current;
}
