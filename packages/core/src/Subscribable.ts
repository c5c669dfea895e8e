/** A set of listeners: the base of every stateful object in core, as in TanStack Query's `Subscribable`. */
export class Subscribable<TListener extends (...args: never[]) => void> {
  protected readonly listeners = new Set<TListener>();

  /**
   * Adds a listener.
   *
   * @param listener Called on every change.
   * @returns The function that removes it.
   */
  subscribe(listener: TListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Calls every listener with the arguments, each once, even if one unsubscribes another meanwhile. */
  protected notify(...args: Parameters<TListener>): void {
    for (const listener of [...this.listeners]) listener(...args);
  }
}
