import { type ChatSessionController, createChatSessionController } from '@chatkit-session/core';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import { createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import { bindSessionToCache } from './bindSessionToCache.js';
import { getChatSessionRegistry } from './getChatSessionRegistry.js';
import { chatSessionQueryKey } from './index.js';

// How long a controller outlives its last provider (the registry's default).
const GRACE_MS = 30_000;

let env: ReturnType<typeof createTestEnvironment>;
let backend: ReturnType<typeof createTestBackend>;
let client: QueryClient;
const created: ChatSessionController[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
  env = createTestEnvironment();
  backend = createTestBackend();
  client = new QueryClient();
});
afterEach(() => {
  for (const controller of created.splice(0)) controller.dispose();
  vi.useRealTimers();
});

/** A running controller with something on screen that needs its session. */
function running(sessionKey: string | null) {
  const controller = create(sessionKey);
  controller.start();
  controller.hold();
  return controller;
}
function create(sessionKey: string | null) {
  const controller = createChatSessionController({
    fetchSession: backend.fetchSession,
    environment: env.environment,
    sessionKey,
  });
  created.push(controller);
  return controller;
}
/** Renews through the scripted backend, which answers after its latency. */
async function renew(controller: ChatSessionController) {
  const renewed = controller.refresh();
  await vi.advanceTimersByTimeAsync(100);
  await renewed;
}
const cachedSecret = (sessionKey: string | null) =>
  client.getQueryData<{ session: { client_secret: string } }>(chatSessionQueryKey(sessionKey))?.session.client_secret;

describe('bindSessionToCache', () => {
  it('writes each new session of the bound controller under its user’s key, and nothing once unbound', async () => {
    const controller = running('alice');
    const unbind = bindSessionToCache()(client, 'alice')(controller);
    await vi.advanceTimersByTimeAsync(100);
    expect(cachedSecret('alice')).toBe('ek_test_1');
    await renew(controller);
    expect(cachedSecret('alice')).toBe('ek_test_2');

    unbind();
    await renew(controller);
    expect(cachedSecret('alice')).toBe('ek_test_2');
  });

  it('writes a session the controller already holds when bound', async () => {
    const controller = running(null);
    await vi.advanceTimersByTimeAsync(100);
    bindSessionToCache()(client, null)(controller);
    expect(cachedSecret(null)).toBe('ek_test_1');
  });

  it('removes the entry when the controller is reset (a sign-out)', async () => {
    const controller = running('alice');
    bindSessionToCache()(client, 'alice')(controller);
    await vi.advanceTimersByTimeAsync(100);
    controller.reset();
    expect(client.getQueryData(chatSessionQueryKey('alice'))).toBeUndefined();
  });

  it('removes the previous user’s entry at once when a provider binds another user, and keeps it on a rebind', async () => {
    const bind = bindSessionToCache();
    const unbindAlice = bind(client, 'alice')(running('alice'));
    await vi.advanceTimersByTimeAsync(100);
    // StrictMode and `<Activity>` unbind and bind the same user again: the entry stays, not removed and rewritten.
    const entry = client.getQueryCache().find({ queryKey: chatSessionQueryKey('alice') });
    unbindAlice();
    bind(client, 'alice')(created[0] as ChatSessionController)();
    expect(client.getQueryCache().find({ queryKey: chatSessionQueryKey('alice') })).toBe(entry);
    expect(cachedSecret('alice')).toBe('ek_test_1');
    // Another provider of Alice's, on its own binding, does not speak for this one's switch.
    bindSessionToCache()(client, 'bob');
    expect(cachedSecret('alice')).toBe('ek_test_1');

    bind(client, 'bob');
    expect(client.getQueryData(chatSessionQueryKey('alice'))).toBeUndefined();
  });

  it('keeps the entry after the last provider unmounts, and removes it when the registry evicts the controller', async () => {
    const registry = getChatSessionRegistry(client, env.environment);
    const controller = registry.get('alice', () => create('alice'));
    const release = registry.retain('alice');
    const releaseHold = controller.hold();
    const unbind = bindSessionToCache()(client, 'alice')(controller);
    await vi.advanceTimersByTimeAsync(100);
    releaseHold();
    unbind();
    release();
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1_000);
    expect(cachedSecret('alice')).toBe('ek_test_1');
    await vi.advanceTimersByTimeAsync(1_001);
    expect(client.getQueryData(chatSessionQueryKey('alice'))).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
