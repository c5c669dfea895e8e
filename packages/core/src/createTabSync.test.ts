import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTabHub } from '../test/createTabHub.js';
import { createTestEnvironment } from '../test/createTestEnvironment.js';
import type { CurrentSession } from './ChatSessionState.js';
import { createTabSync, type TabSyncHost } from './createTabSync.js';
import type { ChatSessionCredential } from './index.js';

const MINUTE = 60_000;
const OPTIONS = { sessionKey: 'alice', requestTimeoutMs: 10_000 };
const IDLE_HOST: TabSyncHost = { current: () => null, adopt: () => {}, reset: () => {} };

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const credential = (secret: string, expiresAt: number): ChatSessionCredential => ({
  client_secret: secret,
  expires_at: Math.floor(expiresAt / 1000),
});
const holding = (secret: string, expiresAt: number): CurrentSession => ({
  session: credential(secret, expiresAt),
  secret,
  expiry: { wall: expiresAt, mono: performance.now() + expiresAt - Date.now() },
  minValidityMs: MINUTE,
});

/** One tab: a controller stand-in holding a session that expires in `expiresInMs`, linked through the hub. */
function openTab(hub: ReturnType<typeof createTabHub>, seed: number, { expiresInMs = 2 * MINUTE, key = 'alice' } = {}) {
  const env = createTestEnvironment({ seed });
  let current: CurrentSession | null = holding('ek_old', Date.now() + expiresInMs);
  const seen = { adopted: [] as [unknown, number, number | undefined][], resets: 0, renewals: 0, done: 0 };
  const host: TabSyncHost = {
    current: () => current,
    adopt(session, expiresAt, lifetimeMs) {
      seen.adopted.push([session, expiresAt, lifetimeMs]);
      current = holding((session as ChatSessionCredential).client_secret as string, expiresAt);
    },
    reset() {
      seen.resets += 1;
      current = null;
    },
  };
  const environment = { ...env.environment, createBroadcastChannel: hub.createBroadcastChannel, locks: hub.locks };
  const sync = createTabSync({ ...OPTIONS, sessionKey: key }, environment, host);
  if (!sync) throw new Error('expected a tab sync');
  /** Fetches a session after 50 ms and tells the other tabs, as the controller does. */
  const renew = async () => {
    seen.renewals += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const expiresAt = Date.now() + 10 * MINUTE;
    current = holding(`ek_seed${seed}`, expiresAt);
    sync.publishSession(current.session, expiresAt, 10 * MINUTE);
  };
  const coordinate = (renewWith: () => Promise<unknown> = renew) =>
    sync.coordinate(renewWith, () => {
      seen.done += 1;
    });
  return { sync, coordinate, seen, current: () => current };
}

describe('createTabSync', () => {
  it('returns null, so each tab renews on its own, when the environment opens no channel', () => {
    const env = createTestEnvironment().environment;
    expect(createTabSync(OPTIONS, { ...env, createBroadcastChannel: () => null }, IDLE_HOST)).toBeNull();
    const throwing = () => {
      throw new Error('SecurityError');
    };
    expect(createTabSync(OPTIONS, { ...env, createBroadcastChannel: throwing }, IDLE_HOST)).toBeNull();
  });

  it('returns null when the page has no BroadcastChannel, and on a server without a window', () => {
    const { createBroadcastChannel: _, ...env } = createTestEnvironment().environment;
    expect(createTabSync(OPTIONS, env, IDLE_HOST)).toBeNull();
    vi.stubGlobal('window', {});
    vi.stubGlobal('BroadcastChannel', undefined);
    expect(createTabSync(OPTIONS, env, IDLE_HOST)).toBeNull();
  });

  it("opens the page's BroadcastChannel when the environment names none", () => {
    const hub = createTabHub();
    const { createBroadcastChannel: _, ...env } = createTestEnvironment().environment;
    vi.stubGlobal('window', {});
    vi.stubGlobal('BroadcastChannel', function BroadcastChannel(name: string) {
      return hub.createBroadcastChannel(name);
    });
    const sync = createTabSync(OPTIONS, env, IDLE_HOST);
    expect(hub.openChannels).toBe(1);
    sync?.close();
    expect(hub.openChannels).toBe(0);
  });

  it('makes another tab adopt a session that expires later when one tab announces it', async () => {
    const hub = createTabHub();
    const [a, b] = [openTab(hub, 1), openTab(hub, 2)];
    const expiresAt = Date.now() + 10 * MINUTE;
    a.sync.publishSession(credential('ek_new', expiresAt), expiresAt, 10 * MINUTE);
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seen.adopted).toEqual([[credential('ek_new', expiresAt), expiresAt, 10 * MINUTE]]);
    expect(b.current()?.secret).toBe('ek_new');
    expect(a.seen.adopted).toEqual([]);
  });

  it('keeps its own session when the one announced expires no later', async () => {
    const hub = createTabHub();
    const [a, b] = [openTab(hub, 1), openTab(hub, 2, { expiresInMs: 5 * MINUTE })];
    const expiresAt = b.current()?.expiry.wall ?? 0;
    a.sync.publishSession(credential('ek_same', expiresAt), expiresAt, 10 * MINUTE);
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seen.adopted).toEqual([]);
    expect(b.current()?.secret).toBe('ek_old');
  });

  it('passes no lifetime, and ignores what is not a message, when an older version or a stranger posts', async () => {
    const hub = createTabHub();
    const b = openTab(hub, 2);
    const stranger = hub.createBroadcastChannel('chatkit-session:alice');
    const expiresAt = Date.now() + 10 * MINUTE;
    for (const junk of [null, 'hello', 42, { type: 'session', tab: 'x', expiresAt: 'soon' }])
      stranger.postMessage(junk);
    stranger.postMessage({ type: 'session', tab: 'old', session: credential('ek_v1', expiresAt), expiresAt });
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seen.adopted).toEqual([[credential('ek_v1', expiresAt), expiresAt, undefined]]);
  });

  it('makes every other tab forget the session when one tab signs out', async () => {
    const hub = createTabHub();
    const [a, b, c] = [openTab(hub, 1), openTab(hub, 2), openTab(hub, 3)];
    a.sync.publishReset();
    await vi.advanceTimersByTimeAsync(0);
    expect([a.seen.resets, b.seen.resets, c.seen.resets]).toEqual([0, 1, 1]);
    expect(b.current()).toBeNull();
  });

  it('hears only tabs of the same session key when two users are signed in', async () => {
    const hub = createTabHub();
    const [a, b] = [openTab(hub, 1), openTab(hub, 2, { key: 'bob' })];
    a.sync.publishReset();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.seen.resets).toBe(0);
  });

  it('renews once for all, and the others adopt it, when tabs fall due together', async () => {
    const hub = createTabHub();
    const tabs = [openTab(hub, 1), openTab(hub, 2), openTab(hub, 3)];
    for (const tab of tabs) tab.coordinate();
    expect(tabs.every((tab) => tab.sync.coordinating)).toBe(true);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(tabs.reduce((sum, tab) => sum + tab.seen.renewals, 0)).toBe(1);
    const secrets = new Set(tabs.map((tab) => tab.current()?.secret));
    expect(secrets.size).toBe(1);
    expect(secrets.has('ek_old')).toBe(false);
    expect(tabs.map((tab) => [tab.seen.done, tab.sync.coordinating])).toEqual([
      [1, false],
      [1, false],
      [1, false],
    ]);
  });

  it('renews within its jitter window when it is alone', async () => {
    const hub = createTabHub();
    const a = openTab(hub, 1);
    a.coordinate();
    await vi.advanceTimersByTimeAsync(2_000 + 50);
    expect(a.seen.renewals).toBe(1);
    expect(a.seen.done).toBe(1);
  });

  it('renews itself within the request timeout when another tab announced a renewal that never ends', async () => {
    const hub = createTabHub();
    const [a, b] = [openTab(hub, 1), openTab(hub, 2)];
    a.coordinate(() => new Promise(() => {}));
    await vi.advanceTimersByTimeAsync(2_000);
    b.coordinate();
    await vi.advanceTimersByTimeAsync(2_000 + OPTIONS.requestTimeoutMs + 250 + 50);
    expect(b.seen.renewals).toBe(1);
    expect(b.seen.done).toBe(1);
    expect(a.current()?.secret).toBe('ek_seed2');
  });

  it('renews anyway after a short grace when a dead tab holds the lock', async () => {
    const hub = createTabHub();
    hub.holdForever('chatkit-session:alice');
    const a = openTab(hub, 1);
    a.coordinate();
    await vi.advanceTimersByTimeAsync(2_000 + 250 + 50);
    expect(a.seen.renewals).toBe(1);
  });

  it('ends its part without renewing, and leaves no timer or channel, when closed mid-wait', async () => {
    const hub = createTabHub();
    const a = openTab(hub, 1);
    a.coordinate();
    a.sync.close();
    a.sync.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.seen.done).toBe(1);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(a.seen.renewals).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(hub.openChannels).toBe(0);
    const sent = hub.messages;
    a.sync.publishReset();
    expect(hub.messages).toBe(sent);
  });
});
