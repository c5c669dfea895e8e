import type { ChatSessionController } from './ChatSessionController.js';
import type { ChatSessionEnvironment } from './ChatSessionEnvironment.js';
import { Subscribable } from './Subscribable.js';

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
  /** One key's controller; its listeners are the providers that retain it. */
  class Entry extends Subscribable<() => void> {
    #timer: unknown;

    constructor(
      readonly key: string | null,
      readonly controller: ChatSessionController,
    ) {
      super();
      // Not started until retained or leased: nothing to stop, so only the grace period runs before it goes.
      this.expire(0);
    }

    protected override onSubscribe(): void {
      this.expire();
      this.controller.start();
    }

    protected override onUnsubscribe(): void {
      // Stopped a task later: StrictMode's unmount and mount in one task, or a key that comes back, stop nothing.
      if (!this.listeners.size) this.expire(0);
    }

    /** Replaces the pending expiry: stop after `stopInMs`, then dispose after the grace period; none without it. */
    expire(stopInMs?: number): void {
      environment.clearTimeout(this.#timer as ReturnType<typeof setTimeout>);
      if (stopInMs === undefined) return;
      this.#timer = environment.setTimeout(() => {
        this.controller.stop();
        this.#timer = environment.setTimeout(() => {
          this.controller.dispose();
          entries.delete(this.key);
          onEvict?.(this.key);
        }, graceMs);
      }, stopInMs);
    }

    /** Runs the controller for the grace period while no provider retains it. */
    lease(): void {
      if (this.listeners.size) return;
      this.controller.start();
      this.expire(graceMs);
    }
  }
  const entryOf = (key: string | null) => entries.get(key) as Entry;
  return {
    get(key, create) {
      if (!entries.has(key)) entries.set(key, new Entry(key, create()));
      return entryOf(key).controller;
    },
    // Each call subscribes a listener of its own, so each release counts once.
    retain: (key) => entryOf(key).subscribe(() => {}),
    lease: (key) => entryOf(key).lease(),
  };
}
