import { describe, expect, it, vi } from 'vitest';
import type { ChatSessionCredential } from '../ChatSessionCredential.js';
import { ChatSessionError } from '../ChatSessionError.js';
import { type ChatSessionFacts, type ChatSessionState, deriveChatSessionState } from '../ChatSessionState.js';
import { createStateStore, type StateStore } from './createStateStore.js';

const storeOf = ([get, publish, subscribe, clear]: StateStore) => ({ get, publish, subscribe, clear });

type Facts = ChatSessionFacts<ChatSessionCredential>;
const IDLE: Facts = { current: null, inflight: false, due: null, error: null, attempt: 0 };
const endOfTask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

/** A store over facts the test changes, as a controller's transitions do. */
function setup() {
  let facts = IDLE;
  const store = storeOf(createStateStore(() => deriveChatSessionState(facts)));
  const told: ChatSessionState[] = [];
  const listener = vi.fn((state: ChatSessionState) => void told.push(state));
  const unsubscribe = store.subscribe(listener);
  const change = (next: Partial<Facts>) => {
    facts = { ...facts, ...next };
  };
  return { store, change, told, listener, unsubscribe };
}

describe('createStateStore', () => {
  it('keeps the same state object and tells nobody when nothing a user sees changed', () => {
    const { store, change, listener } = setup();
    const first = store.get();
    store.publish();
    // New facts that read the same derive an equal state.
    change({ attempt: 0 });
    store.publish();
    expect(store.get()).toBe(first);
    expect(listener).not.toHaveBeenCalled();
  });

  it('publishes a new state and tells each listener once when the facts change', () => {
    const { store, change, told } = setup();
    const first = store.get();
    change({ inflight: true });
    store.publish();
    store.publish();
    expect(store.get()).not.toBe(first);
    expect(store.get().status).toBe('loading');
    expect(told).toEqual([store.get()]);
    expect(told[0]).toBe(store.get());
  });

  it('tells of a new error object even when it reads the same', () => {
    const { store, change, told } = setup();
    change({ error: new ChatSessionError('network', 'offline'), attempt: 1 });
    store.publish();
    change({ error: new ChatSessionError('network', 'offline') });
    store.publish();
    expect(told).toHaveLength(2);
  });

  it('tells the listeners after the current task when told to publish later', async () => {
    const { store, change, told } = setup();
    change({ inflight: true });
    store.publish(true);
    // The state is new at once; only the telling waits (a read during a render must not call listeners).
    expect(store.get().status).toBe('loading');
    expect(told).toEqual([]);
    await endOfTask();
    expect(told).toEqual([store.get()]);
  });

  it('never tells a state published later when a newer one superseded it', async () => {
    const { store, change, told } = setup();
    change({ inflight: true });
    store.publish(true);
    change({ inflight: false, attempt: 1, error: new ChatSessionError('network', 'offline') });
    store.publish();
    expect(told.map((state) => state.status)).toEqual(['error']);
    await endOfTask();
    expect(told.map((state) => state.status)).toEqual(['error']);
  });

  it('tells only the newest of two states published later', async () => {
    const { store, change, told } = setup();
    change({ inflight: true });
    store.publish(true);
    change({ attempt: 2 });
    store.publish(true);
    await endOfTask();
    expect(told).toEqual([store.get()]);
    expect(told[0]?.attempt).toBe(2);
  });

  it('still tells a listener this once when another listener removes it during the telling', () => {
    const { store, change } = setup();
    const removed = vi.fn();
    let removeSecond = () => {};
    store.subscribe(() => removeSecond());
    removeSecond = store.subscribe(removed);
    change({ inflight: true });
    store.publish();
    expect(removed).toHaveBeenCalledTimes(1);
    change({ inflight: false });
    store.publish();
    expect(removed).toHaveBeenCalledTimes(1);
  });

  it('tells a listener added during the telling only from the next state on', () => {
    const { store, change } = setup();
    const added = vi.fn();
    store.subscribe(() => void store.subscribe(added));
    change({ inflight: true });
    store.publish();
    expect(added).not.toHaveBeenCalled();
    change({ inflight: false });
    store.publish();
    expect(added).toHaveBeenCalledTimes(1);
  });

  it('stops telling a listener when it unsubscribes, and a second unsubscribe changes nothing', () => {
    const { store, change, listener, unsubscribe } = setup();
    const other = vi.fn();
    store.subscribe(other);
    unsubscribe();
    unsubscribe();
    change({ inflight: true });
    store.publish();
    expect(listener).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('tells no listener after clear()', async () => {
    const { store, change, listener } = setup();
    change({ inflight: true });
    store.publish(true);
    store.clear();
    await endOfTask();
    change({ inflight: false });
    store.publish();
    expect(listener).not.toHaveBeenCalled();
    expect(store.get().status).toBe('idle');
  });

  it('gives each store a state object of its own when two derive equal states', () => {
    const a = storeOf(createStateStore(() => deriveChatSessionState(IDLE)));
    const b = storeOf(createStateStore(() => deriveChatSessionState(IDLE)));
    expect(a.get()).toEqual(b.get());
    expect(a.get()).not.toBe(b.get());
  });
});
