import type { ChatSessionEnvironment } from '@chatkit-session/core';
import type { QueryClient } from '@tanstack/react-query';
import { getChatSessionRegistry } from '../src/getChatSessionRegistry.js';
import type { SeamsHarness } from './seamsHarness.js';
import { holdersOf, REQUEST_TIMEOUT_MS } from './seamsScenario.js';

// What "at once" means for a request: the same task, give or take the millisecond a release takes to lapse.
const SLACK_MS = 5;

const CHATKIT_LONGEST_MS = 600_000;
/** What the economy checks of one seed read. */
export interface SeamsEconomyOptions {
  readonly harness: SeamsHarness;
  readonly keys: readonly string[];
  /** The environment every user's is made from. */
  readonly environment: ChatSessionEnvironment;
  readonly queryClient: QueryClient;
}

/**
 * The checks of (3), both sides: no controller sends a request that nothing needs, and a session held for a lifetime
 * with nothing in the way is renewed. Tracks who holds, calls, prefetches and waits, and when the test made trouble.
 */
export function createSeamsEconomy({ harness: h, keys, environment: base, queryClient }: SeamsEconomyOptions) {
  const { page } = h;
  const lastCallAt = new Map<string, number>();
  const lastPrefetchAt = new Map<string, number>();
  const holdEndedAt = new Map<string, number>();
  const lastRequestEndAt = new Map<string, number>();
  const waiting = new Map<string, number>();
  // The first page holds from the start.
  const heldSince = new Map<string, number>(holdersOf(page, page.key) ? [[page.key, Date.now()]] : []);
  // Until when the session may be short of time for reasons of the test's making: a switch, the tab hidden or shown,
  // a sleep, a backend fault or slow answer (and the retries after it).
  let troubledUntil = Number.NEGATIVE_INFINITY;
  const trouble = (untilMs: number) => {
    troubledUntil = Math.max(troubledUntil, untilMs);
  };

  // The controllers the backend has answered with a session: one made anew (its user's came back after the registry
  // let the last one go) knows no lifetime yet.
  const answered = new WeakSet<object>();
  const controllerOf = (key: string): object | undefined => {
    try {
      return getChatSessionRegistry(queryClient).get(key, () => {
        throw new Error('no controller');
      });
    } catch {
      return undefined;
    }
  };

  const onRequest = (owner: string) => {
    const now = Date.now();
    if (h.finished || holdersOf(page, owner)) return;
    // A call still waiting needs an answer, whoever made it and however long ago.
    if ((waiting.get(owner) ?? 0) > 0 || (owner === h.committedKey && h.pendingCalls > 0)) return;
    const sinceHold = now - (holdEndedAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    const sinceCall = now - (lastCallAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    const sincePrefetch = now - (lastPrefetchAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    const sinceRequest = now - (lastRequestEndAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    // A prefetch's own request goes out at once; a release lets the session lapse once the task is over; a session that
    // lands too late to use (the laptop slept) is fetched again at once for the call still waiting on it.
    const atOnce = Math.min(sinceHold, sincePrefetch, sinceRequest) <= SLACK_MS;
    // A call counts as need for the lifetime of the last session its controller held; before any, for ChatKit's
    // longest (600 s), as the controller cannot know the lifetime yet (a retry after a first failure keeps going).
    const controller = controllerOf(owner);
    const needMs = controller !== undefined && answered.has(controller) ? h.lifetimeMs : CHATKIT_LONGEST_MS;
    if (!atOnce && sinceCall >= needMs) {
      // usePrefetchChatSession is documented not to keep the session renewed: told apart, as it is a narrower finding.
      const afterPrefetch = sincePrefetch < h.lifetimeMs;
      h.violate(
        afterPrefetch ? '3-economy-after-prefetch' : '3-economy',
        `${owner}'s controller sent a request with nothing holding it and no call within a lifetime (${needMs} ms): last holder left ${sinceHold} ms ago, last call ${sinceCall} ms ago, last prefetch ${sincePrefetch} ms ago`,
      );
    }
  };

  // Each controller is created with its user's environment: the timer it arms when it sends a request says whose.
  const environments = new Map<string, ChatSessionEnvironment>();
  const environmentFor = (key: string) => {
    let environment = environments.get(key);
    if (!environment) {
      const requestTimers = new Set<unknown>();
      environment = {
        ...base,
        setTimeout: (callback, ms) => {
          if (ms === REQUEST_TIMEOUT_MS) onRequest(key);
          const handle = base.setTimeout(callback, ms);
          if (ms === REQUEST_TIMEOUT_MS) requestTimers.add(handle);
          return handle;
        },
        clearTimeout: (handle) => {
          if (requestTimers.delete(handle)) lastRequestEndAt.set(key, Date.now());
          base.clearTimeout(handle);
        },
      };
      environments.set(key, environment);
    }
    return environment;
  };

  /**
   * (3, the other side) Renewed while held: a session something has held for a lifetime on a visible page, with no
   * switch, sleep or backend trouble in that time, always has at least minValidityMs left.
   */
  const checkRenewed = () => {
    const now = Date.now();
    const key = page.key;
    if (!holdersOf(page, key) || !base.isVisible()) return;
    const since = Math.min(now - (heldSince.get(key) ?? now), now - troubledUntil);
    if (since < h.lifetimeMs) return;
    let secret: string | null = null;
    try {
      secret = getChatSessionRegistry(queryClient)
        .get(key, () => {
          throw new Error('no controller');
        })
        .getState().clientSecret;
    } catch {}
    const leftMs = secret === null ? Number.NEGATIVE_INFINITY : (h.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - now;
    if (leftMs < h.minValidityMs)
      h.violate(
        '3-renewal',
        `${key}'s session was held for ${since} ms on a visible page with nothing in the way, yet it has ${secret ?? 'no secret'} with ${leftMs} ms left (needs ${h.minValidityMs})`,
      );
  };

  return {
    trouble,
    environmentFor,
    checkRenewed,
    noteCall(key: string, why: string) {
      lastCallAt.set(key, Date.now());
      h.log(`${why} (for ${key})`);
    },
    /** Counts a call waiting on the controller of `key` until it settles. */
    waitOn(key: string, call: Promise<unknown>) {
      waiting.set(key, (waiting.get(key) ?? 0) + 1);
      const settle = () => waiting.set(key, (waiting.get(key) ?? 0) - 1);
      call.then(settle, settle);
    },
    noteAnswered(key: string) {
      const controller = controllerOf(key);
      if (controller) answered.add(controller);
    },
    notePrefetch(key: string) {
      lastPrefetchAt.set(key, Date.now());
    },
    /** Edits the page, noting when a user's last holder left or a first one came, and a switch as trouble. */
    edit(edit: () => void) {
      const before = new Map(keys.map((key) => [key, holdersOf(page, key)]));
      const key = page.key;
      edit();
      if (page.key !== key) trouble(Date.now());
      for (const key of keys) {
        if (before.get(key) && !holdersOf(page, key)) holdEndedAt.set(key, Date.now());
        if (!before.get(key) && holdersOf(page, key)) heldSince.set(key, Date.now());
      }
    },
  };
}
