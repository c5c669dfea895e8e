import type { ChatSessionController } from './ChatSessionController.js';
import type { ChatSessionEnvironment } from './ChatSessionEnvironment.js';

/** Controllers kept by key (the signed-in user), for as long as something uses them and a grace period after. */
export interface ChatSessionRegistry {
  /**
   * Returns the controller of `key`, creating it with `create` the first time. One that nobody retains is disposed
   * after the grace period, so a render that never commits leaks nothing.
   */
  get(key: string | null, create: () => ChatSessionController): ChatSessionController;
  /** Starts the controller of `key` (made by `get`) for one user, a mounted provider; returns the idempotent release. */
  retain(key: string | null): () => void;
  /**
   * Starts the controller of `key` for the grace period without a user: for a render that waits on it before any
   * provider has mounted (a `<Suspense>` boundary above the provider).
   */
  lease(key: string | null): void;
}

/** The options of `createChatSessionRegistry`. */
export interface ChatSessionRegistryOptions {
  /** How long a controller nobody uses is kept (running only while leased). Defaults to `30_000`. */
  graceMs?: number;
  /** The timers of the grace period. Defaults to the host's. */
  environment?: Pick<ChatSessionEnvironment, 'setTimeout' | 'clearTimeout'> | undefined;
  /** Called after a controller was disposed and dropped, for example to drop its secret from a cache. */
  onEvict?: (key: string | null) => void;
}

/** One key's controller, how many users (mounted providers) retain it, and its pending stop or dispose. */
interface Entry {
  readonly key: string | null;
  readonly controller: ChatSessionController;
  users: number;
  timer?: unknown;
}

/**
 * Creates a registry of session controllers keyed by who they belong to, with mount counting and a grace period (as
 * a TanStack Query cache entry outlives its last observer by `gcTime`): StrictMode's remount, a Suspense retry of a
 * tree that never committed and React's `<Activity>` all get the same controller back.
 *
 * @param options The grace period, its timers and what to do when a controller goes.
 * @returns The registry.
 * @example
 * const registry = createChatSessionRegistry({ onEvict: (key) => cache.delete(key) });
 * const controller = registry.get(userId, () => createChatSessionController({ fetchSession }));
 * const release = registry.retain(userId); // on mount; release() on unmount
 */
export function createChatSessionRegistry({
  graceMs = 30_000,
  environment = globalThis,
  onEvict,
}: ChatSessionRegistryOptions = {}): ChatSessionRegistry {
  const entries = new Map<string | null, Entry>();
  const entryOf = (key: string | null) => entries.get(key) as Entry;
  /** Replaces the pending expiry: stop after `stopInMs`, then dispose after the grace period; none without it. */
  const expire = (entry: Entry, stopInMs?: number) => {
    environment.clearTimeout(entry.timer as ReturnType<typeof setTimeout>);
    if (stopInMs === undefined) return;
    entry.timer = environment.setTimeout(() => {
      entry.controller.stop();
      entry.timer = environment.setTimeout(() => {
        entry.controller.dispose();
        entries.delete(entry.key);
        onEvict?.(entry.key);
      }, graceMs);
    }, stopInMs);
  };
  return {
    get(key, create) {
      if (!entries.has(key)) {
        const entry: Entry = { key, controller: create(), users: 0 };
        entries.set(key, entry);
        // Not started until retained or leased: nothing to stop, so only the grace period runs before it goes.
        expire(entry, 0);
      }
      return entryOf(key).controller;
    },
    retain(key) {
      const entry = entryOf(key);
      entry.users += 1;
      expire(entry);
      entry.controller.start();
      let retained = true;
      return () => {
        if (!retained) return;
        retained = false;
        // Stopped a task later: StrictMode's unmount and mount in one task, or a key that comes back, stop nothing.
        if (--entry.users === 0) expire(entry, 0);
      };
    },
    lease(key) {
      const entry = entryOf(key);
      if (entry.users) return;
      entry.controller.start();
      expire(entry, graceMs);
    },
  };
}
