import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ChatSessionController,
  type ChatSessionEnvironment,
  createChatSessionController,
  createTabSync,
  type LockManagerLike,
} from '../src/index.js';
import { createTabHub } from './createTabHub.js';
import { createTestBackend, sessionFixture } from './createTestBackend.js';
import { createTestEnvironment } from './createTestEnvironment.js';
import { FIXED_SCHEDULE } from './fixedSchedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

interface TabsOptions {
  count?: number;
  locks?: 'hub' | 'none' | 'throwing' | 'orphaned';
  channel?: boolean;
  latencyMs?: number;
  expiresInMs?: number;
  lifetimeSeconds?: number;
}

/** Opens `count` tabs sharing a session through one hub, all holding the same session that is due at the same instant. */
function openTabs({
  count = 5,
  locks = 'hub',
  channel = true,
  latencyMs = 50,
  expiresInMs = 10 * MINUTE,
  lifetimeSeconds = 600,
}: TabsOptions = {}) {
  const hub = createTabHub();
  const backend = createTestBackend({ latencyMs, lifetimeSeconds });
  const throwing: LockManagerLike = { request: () => Promise.reject(new Error('SecurityError: locks are disabled')) };
  if (locks === 'orphaned') hub.holdForever('chatkit-session:alice');
  const envs = Array.from({ length: count }, (_, index) => createTestEnvironment({ seed: 100 + index }));
  const tabs = envs.map(({ environment }) => {
    const shared: Partial<ChatSessionEnvironment> = {
      ...environment,
      createBroadcastChannel: channel ? hub.createBroadcastChannel : () => null,
      locks: locks === 'none' ? null : locks === 'throwing' ? throwing : hub.locks,
    };
    return createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: shared,
      shareAcrossTabs: createTabSync,
      sessionKey: 'alice',
      // Every tab holds the same session, due at the same instant (no jitter in when it falls due), and renews it
      // whether or not anything on the page needs it.
      ...FIXED_SCHEDULE,
      refreshWindow: [0.75, 0.75],
      initialSession: { session: sessionFixture, expiresAt: Date.now() + expiresInMs },
    });
  });
  const secretsValid = () =>
    tabs.every((tab) => {
      const secret = tab.getState().clientSecret;
      return (
        secret !== null && (backend.expiryOf(secret) ?? 0) - Date.now() > Math.min(30 * SECOND, lifetimeSeconds * 250)
      );
    });
  const closeAll = async () => {
    for (const tab of tabs) tab.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.openChannels).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(envs.every((env) => env.listenerCount() === 0)).toBe(true);
  };
  return { hub, backend, tabs, envs, secretsValid, closeAll };
}

const startAll = (tabs: ChatSessionController[]) => {
  for (const tab of tabs) tab.start();
};

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('shareAcrossTabs', () => {
  it.each(['hub', 'none'] as const)(
    'makes one request when 5 tabs are due at the same instant (locks: %s)',
    async (locks) => {
      const { backend, tabs, secretsValid, closeAll } = openTabs({ locks });
      startAll(tabs);
      await vi.advanceTimersByTimeAsync(7.5 * MINUTE + 5 * SECOND);
      expect(backend.requests).toBe(1);
      expect(new Set(tabs.map((tab) => tab.getState().clientSecret))).toEqual(new Set(['ek_test_1']));
      expect(secretsValid()).toBe(true);
      // And again for every later renewal: one request per renewal for all five.
      await vi.advanceTimersByTimeAsync(60 * MINUTE);
      const renewals = backend.requests;
      expect(renewals).toBeLessThanOrEqual(1 + Math.ceil((60 * MINUTE) / (0.75 * 599 * SECOND)));
      expect(secretsValid()).toBe(true);
      await closeAll();
    },
  );

  it('makes one request when 5 tabs wake together from a sleep past expiry (no locks)', async () => {
    const { backend, tabs, envs, secretsValid, closeAll } = openTabs({ locks: 'none' });
    startAll(tabs);
    await vi.advanceTimersByTimeAsync(SECOND);
    envs[0]?.sleep(20 * MINUTE); // one machine, one clock: every tab slept
    for (const env of envs) env.dispatch('visibilitychange');
    await vi.advanceTimersByTimeAsync(SECOND);
    expect(backend.requests).toBe(1);
    expect(secretsValid()).toBe(true);
    await closeAll();
  });

  it('shares short sessions too: 5 tabs on 10-second sessions make one request per renewal', async () => {
    const { backend, tabs, secretsValid, closeAll } = openTabs({ lifetimeSeconds: 10, expiresInMs: 10 * SECOND });
    startAll(tabs);
    for (let second = 0; second < 60; second += 1) {
      await vi.advanceTimersByTimeAsync(SECOND);
      expect(tabs.every((tab) => tab.getState().clientSecret !== null)).toBe(true);
    }
    // A renewal about every 0.75 × 9 s: one request each for all five tabs.
    expect(backend.requests).toBeLessThanOrEqual(Math.ceil(60 / 6.5));
    expect(backend.requests).toBeGreaterThanOrEqual(Math.floor(60 / 9));
    expect(secretsValid()).toBe(true);
    await closeAll();
  });

  it('renews once per tab without a channel, as without sharing', async () => {
    const { backend, tabs, secretsValid, closeAll } = openTabs({ channel: false });
    startAll(tabs);
    await vi.advanceTimersByTimeAsync(7.5 * MINUTE + 5 * SECOND);
    expect(backend.requests).toBe(5);
    expect(secretsValid()).toBe(true);
    await closeAll();
  });

  it.each(['orphaned', 'throwing'] as const)('still ends with every tab valid when the lock is %s', async (locks) => {
    const { backend, tabs, secretsValid, closeAll } = openTabs({ locks });
    startAll(tabs);
    await vi.advanceTimersByTimeAsync(7.5 * MINUTE + 5 * SECOND);
    expect(secretsValid()).toBe(true);
    // The announcement still lets one tab renew for all.
    expect(backend.requests).toBe(1);
    await closeAll();
  });

  it('recovers when the tab that announced a renewal dies mid-request', async () => {
    const { backend, tabs, closeAll } = openTabs();
    backend.script({ kind: 'hang' });
    startAll(tabs);
    await vi.advanceTimersByTimeAsync(7.5 * MINUTE + 3 * SECOND);
    expect(backend.requests).toBe(1);
    // The renewing tab is closed before its answer: the others wait at most one request timeout, then renew.
    const renewing = tabs.find((tab) => tab.getState().status === 'refreshing');
    expect(renewing).toBeDefined();
    renewing?.dispose();
    const survivors = tabs.filter((tab) => tab !== renewing);
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    expect(backend.requests).toBe(2);
    expect(new Set(survivors.map((tab) => tab.getState().clientSecret))).toEqual(new Set(['ek_test_2']));
    expect(survivors.every((tab) => tab.getState().status === 'active')).toBe(true);
    await closeAll();
  });

  it('adopts a session another tab fetched when it expires later, and signs every tab out on reset()', async () => {
    const { backend, tabs, closeAll } = openTabs({ count: 3, expiresInMs: 5 * MINUTE });
    startAll(tabs);
    const [first, second, third] = tabs;
    const refreshed = first?.refresh();
    await vi.advanceTimersByTimeAsync(100);
    await refreshed;
    expect(backend.requests).toBe(1);
    expect(second?.getState().clientSecret).toBe('ek_test_1');
    expect(third?.getState().clientSecret).toBe('ek_test_1');
    second?.reset();
    await vi.advanceTimersByTimeAsync(0);
    expect(tabs.map((tab) => tab.getState().status)).toEqual(['idle', 'idle', 'idle']);
    expect(tabs.every((tab) => tab.getState().clientSecret === null)).toBe(true);
    await closeAll();
  });

  it('ignores an announced session that fails validation, whatever expiry it claims', async () => {
    const { hub, tabs, closeAll } = openTabs({ count: 2, expiresInMs: 5 * MINUTE });
    startAll(tabs);
    const intruder = hub.createBroadcastChannel('chatkit-session:alice');
    const later = Date.now() + 20 * MINUTE;
    for (const session of [{ ...sessionFixture, client_secret: '' }, { ...sessionFixture, expires_at: later }, null]) {
      intruder.postMessage({ type: 'session', tab: 'intruder', session, expiresAt: later });
    }
    await vi.advanceTimersByTimeAsync(10);
    expect(tabs.map((tab) => tab.getState().clientSecret)).toEqual([
      sessionFixture.client_secret,
      sessionFixture.client_secret,
    ]);
    intruder.close();
    await closeAll();
  });
});
