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
  /** Starts the controller of `key` for one user (a mounted provider); returns the idempotent release. */
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
  environment?: Pick<ChatSessionEnvironment, 'setTimeout' | 'clearTimeout'>;
  /** Called after a controller was disposed and dropped, for example to drop its secret from a cache. */
  onEvict?: (key: string | null) => void;
}

/** One key's controller; its listeners are the users that retain it. */
class RegistryEntry extends Subscribable<() => void> {
  #timer: unknown = null;

  constructor(
    readonly controller: ChatSessionController,
    readonly timers: Pick<ChatSessionEnvironment, 'setTimeout' | 'clearTimeout'>,
    readonly graceMs: number,
    readonly evict: () => void,
  ) {
    super();
  }

  protected override onSubscribe(): void {
    this.expireIn(null);
    this.controller.start();
  }

  protected override onUnsubscribe(): void {
    // Stopped a task later: StrictMode's unmount and mount in one task, or a key that comes back, stop nothing.
    if (!this.hasListeners()) this.expireIn(0);
  }

  /** Replaces the pending expiry: stop after `stopInMs`, then dispose after the grace period; `null` for none. */
  expireIn(stopInMs: number | null): void {
    const { setTimeout, clearTimeout } = this.timers;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (stopInMs === null) return;
    this.#timer = setTimeout(() => {
      this.controller.stop();
      this.#timer = setTimeout(this.evict, this.graceMs);
    }, stopInMs);
  }
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
  const entries = new Map<string | null, RegistryEntry>();
  const entryOf = (key: string | null) => {
    const entry = entries.get(key);
    if (!entry) throw new Error(`chatkit-session: no controller was created for the key ${JSON.stringify(key)}.`);
    return entry;
  };
  return {
    get(key, create) {
      let entry = entries.get(key);
      if (!entry) {
        const created: RegistryEntry = new RegistryEntry(create(), environment, graceMs, () => {
          created.controller.dispose();
          entries.delete(key);
          onEvict?.(key);
        });
        entries.set(key, created);
        created.expireIn(graceMs);
        entry = created;
      }
      return entry.controller;
    },
    retain(key) {
      return entryOf(key).subscribe(() => {});
    },
    lease(key) {
      const entry = entryOf(key);
      if (entry.hasListeners()) return;
      entry.controller.start();
      entry.expireIn(graceMs);
    },
  };
}
