import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend } from '../test/createTestBackend.js';
import { createTestEnvironment } from '../test/createTestEnvironment.js';
import { type ChatSessionController, createChatSessionController, createChatSessionRegistry } from './index.js';

const GRACE_MS = 5_000;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A registry of real controllers that renew whenever started, on one test environment and backend. */
function setup(graceMs: number | null = GRACE_MS) {
  const env = createTestEnvironment();
  const backend = createTestBackend({ latencyMs: 50 });
  const evicted: (string | null)[] = [];
  const registry = createChatSessionRegistry({
    ...(graceMs === null ? {} : { graceMs }),
    environment: env.environment,
    onEvict: (key) => evicted.push(key),
  });
  let created = 0;
  const create = () => {
    created += 1;
    return createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: env.environment,
      keepWarm: true,
    });
  };
  /** Whether any controller of the registry is running: a started one listens for wake-ups. */
  const running = () => env.listenerCount() > 0;
  const expectDisposed = (controller: ChatSessionController) =>
    expect(controller.getClientSecret()).rejects.toMatchObject({ kind: 'disposed' });
  return { registry, backend, evicted, create, created: () => created, running, expectDisposed };
}

describe('createChatSessionRegistry', () => {
  it('creates one controller per key when asked for it many times', () => {
    const { registry, create, created } = setup();
    const alice = registry.get('alice', create);
    expect(registry.get('alice', create)).toBe(alice);
    const anonymous = registry.get(null, create);
    expect(anonymous).not.toBe(alice);
    expect(registry.get('bob', create)).not.toBe(alice);
    expect(created()).toBe(3);
  });

  it('starts the controller when a provider retains it', async () => {
    const { registry, backend, create, running } = setup();
    const controller = registry.get('alice', create);
    registry.retain('alice');
    await vi.advanceTimersByTimeAsync(100);
    expect(running()).toBe(true);
    expect(backend.requests).toBe(1);
    expect(controller.getState().status).toBe('active');
  });

  it('stops the controller a task after the last release, then disposes and evicts it after the grace period', async () => {
    const { registry, create, evicted, running, expectDisposed } = setup();
    const controller = registry.get('alice', create);
    const release = registry.retain('alice');
    await vi.advanceTimersByTimeAsync(100);
    release();
    expect(running()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(running()).toBe(false);
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(evicted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(evicted).toEqual(['alice']);
    await expectDisposed(controller);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops nothing when a StrictMode remount releases and retains in one task', async () => {
    const { registry, backend, create, evicted, running } = setup();
    const controller = registry.get('alice', create);
    const release = registry.retain('alice');
    await vi.advanceTimersByTimeAsync(100);
    release();
    registry.retain('alice');
    await vi.advanceTimersByTimeAsync(10 * GRACE_MS);
    expect(running()).toBe(true);
    expect(evicted).toEqual([]);
    expect(backend.requests).toBe(1);
    expect(registry.get('alice', create)).toBe(controller);
  });

  it('counts each retain once when a release is called twice', async () => {
    const { registry, create, running } = setup();
    registry.get('alice', create);
    const first = registry.retain('alice');
    registry.retain('alice');
    first();
    first();
    await vi.advanceTimersByTimeAsync(10 * GRACE_MS);
    expect(running()).toBe(true);
  });

  it('gives the same controller back, running again, when retained within the grace period', async () => {
    const { registry, create, evicted, running } = setup();
    const controller = registry.get('alice', create);
    registry.retain('alice')();
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(running()).toBe(false);
    expect(registry.get('alice', create)).toBe(controller);
    registry.retain('alice');
    await vi.advanceTimersByTimeAsync(10 * GRACE_MS);
    expect(running()).toBe(true);
    expect(evicted).toEqual([]);
  });

  it('creates a fresh controller when a key comes back after its eviction', async () => {
    const { registry, create, created } = setup();
    const first = registry.get('alice', create);
    registry.retain('alice')();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(registry.get('alice', create)).not.toBe(first);
    expect(created()).toBe(2);
  });

  it('never starts, and evicts after one grace period, a controller that a render which never commits asked for', async () => {
    const { registry, backend, create, evicted, running, expectDisposed } = setup();
    const controller = registry.get('alice', create);
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(running()).toBe(false);
    expect(backend.requests).toBe(0);
    expect(evicted).toEqual(['alice']);
    await expectDisposed(controller);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs a leased controller for the grace period without a provider, then stops and evicts it', async () => {
    const { registry, backend, create, evicted, running } = setup();
    registry.get('alice', create);
    registry.lease('alice');
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(running()).toBe(true);
    expect(backend.requests).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(running()).toBe(false);
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(evicted).toEqual(['alice']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a leased controller for as long as a provider retains it when one mounts', async () => {
    const { registry, create, evicted, running } = setup();
    registry.get('alice', create);
    registry.lease('alice');
    const release = registry.retain('alice');
    registry.lease('alice');
    await vi.advanceTimersByTimeAsync(10 * GRACE_MS);
    expect(running()).toBe(true);
    release();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(running()).toBe(false);
    expect(evicted).toEqual(['alice']);
  });

  it("evicts only the released key's controller when two users share the registry", async () => {
    const { registry, create, evicted } = setup();
    const alice = registry.get('alice', create);
    registry.get('bob', create);
    registry.retain('alice');
    registry.retain('bob')();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(evicted).toEqual(['bob']);
    expect(registry.get('alice', create)).toBe(alice);
  });

  it('keeps a controller 30 seconds after the last release when no grace period is given', async () => {
    const { registry, create, evicted } = setup(null);
    registry.get('alice', create);
    registry.retain('alice')();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(evicted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(evicted).toEqual(['alice']);
  });
});
