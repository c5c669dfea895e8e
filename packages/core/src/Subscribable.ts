/**
 * A set of listeners with first-subscriber and last-subscriber hooks: the base of every stateful object in core, as
 * in TanStack Query's `Subscribable`.
 */
export class Subscribable<TListener extends (...args: never[]) => void> {
  protected readonly listeners = new Set<TListener>();

  /**
   * Adds a listener; removing it is idempotent.
   *
   * @param listener Called on every change.
   * @returns The function that removes it.
   */
  subscribe(listener: TListener): () => void {
    this.listeners.add(listener);
    this.onSubscribe();
    return () => {
      if (this.listeners.delete(listener)) this.onUnsubscribe();
    };
  }

  /** Called after a listener was added. */
  protected onSubscribe(): void {}

  /** Called after a listener was removed. */
  protected onUnsubscribe(): void {}

  /** Calls every listener with the arguments, each once, even if one unsubscribes another meanwhile. */
  protected notify(...args: Parameters<TListener>): void {
    for (const listener of [...this.listeners]) listener(...args);
  }
}
