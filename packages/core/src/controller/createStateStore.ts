import type { ChatSessionState } from '../ChatSessionState.js';
import { isSameChatSessionState } from '../ChatSessionState.js';

/** A controller's published state and its listeners (a tuple: a minifier renames its members like locals). */
export type StateStore = readonly [
  /** The state last published: the same object until something in it changes. */
  get: () => ChatSessionState,
  /** Derives the state and tells the listeners if it changed; `later` tells them after the current task. */
  publish: (later?: boolean) => void,
  /** Adds a listener; returns the idempotent removal. */
  subscribe: (listener: (state: ChatSessionState) => void) => () => void,
  /** Forgets every listener. */
  clear: () => void,
];

/**
 * Creates the state of a controller, derived from its facts; each controller has a state object of its own, so equal
 * states of two controllers are never the same object.
 *
 * @param derive Derives a new state from the facts.
 * @returns The store.
 */
export function createStateStore(derive: () => ChatSessionState): StateStore {
  const listeners = new Set<(state: ChatSessionState) => void>();
  let state = derive();
  return [
    () => state,
    (later) => {
      const next = derive();
      if (isSameChatSessionState(state, next)) return;
      state = next;
      // Each listener once, even if one unsubscribes another meanwhile; a later state supersedes one told later.
      const notify = () => {
        if (state === next) for (const listener of [...listeners]) listener(next);
      };
      later ? queueMicrotask(notify) : notify();
    },
    (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    () => listeners.clear(),
  ];
}
