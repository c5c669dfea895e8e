import { createTabSync } from '@chatkit-session/core';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTabHub } from '../../core/test/createTabHub.js';
import { createTestBackend, sessionFixture } from '../../core/test/createTestBackend.js';
import { createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import { renderWithSession } from '../test/renderWithSession.js';
import {
  ChatSessionProvider,
  chatSessionQueryKey,
  type UseChatSessionResult,
  useChatKitApi,
  useChatSession,
} from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** Shows the session's status: something on the page that needs the session, so the provider fetches it. */
function SessionStatus() {
  return <span>{useChatSession((session) => session.status)}</span>;
}
const MINUTE = 60_000;
// How long a provider's controller outlives its last mount (the registry's default).
const GRACE_MS = 30_000;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChatSessionProvider', () => {
  it('makes one request on mount and one per renewal for 100 StrictMode consumers', async () => {
    const secrets: Promise<string>[] = [];
    function Consumer() {
      const { clientSecret } = useChatSession();
      const { getClientSecret } = useChatKitApi();
      if (secrets.length < 100) secrets.push(getClientSecret(null));
      return <span>{clientSecret}</span>;
    }
    const { backend, container } = renderWithSession(
      <StrictMode>
        {Array.from({ length: 100 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of identical consumers.
          <Consumer key={index} />
        ))}
      </StrictMode>,
    );
    await advance(100);
    expect(backend.requests).toBe(1);
    expect(new Set(await Promise.all(secrets))).toEqual(new Set(['ek_test_1']));
    expect(container.textContent).toBe('ek_test_1'.repeat(100));
    await advance(9 * MINUTE);
    expect(backend.requests).toBe(2);
    expect(container.textContent).toBe('ek_test_2'.repeat(100));
  });

  it('renders a whole-state consumer at most twice and a secret consumer once per renewal', async () => {
    const renders = { whole: 0, secret: 0, status: 0 };
    const statuses: string[] = [];
    function Whole() {
      useChatSession();
      renders.whole += 1;
      return null;
    }
    function Secret() {
      useChatSession((session) => session.clientSecret);
      renders.secret += 1;
      return null;
    }
    function Status() {
      statuses.push(useChatSession((session) => session.status));
      renders.status += 1;
      return null;
    }
    const { backend } = renderWithSession(
      <>
        <Whole />
        <Secret />
        <Status />
      </>,
    );
    await advance(100);
    const before = { ...renders };
    const statusesBefore = statuses.length;
    await advance(9 * MINUTE);
    expect(backend.requests).toBe(2);
    expect(renders.whole - before.whole).toBe(2);
    expect(renders.secret - before.secret).toBe(1);
    // A second renewal after a transient failure and its retry: two more renders for the failure, none for the secret.
    backend.script({ kind: 'status', status: 503 });
    await advance(9 * MINUTE);
    expect(backend.requests).toBe(4);
    expect(renders.secret - before.secret).toBe(2);
    expect(renders.whole - before.whole).toBeLessThanOrEqual(2 * 2 + 2);
    // The status consumer rendered only for status changes, never for the secret, expiry or error alone.
    const seen = statuses.slice(statusesBefore);
    expect(seen.every((status, index) => index === 0 || status !== seen[index - 1])).toBe(true);
    expect(renders.status - before.status).toBe(seen.length);
  });

  it('does not render a status consumer when only the secret changes (a session adopted from another tab)', async () => {
    const hub = createTabHub();
    const backend = createTestBackend();
    const renders = { status: 0, secret: 0 };
    const secrets: (string | null)[] = [];
    let refreshOtherTab: UseChatSessionResult['refresh'] = async () => {};
    function OtherTab() {
      refreshOtherTab = useChatSession((session) => session.refresh);
      return null;
    }
    function Status() {
      useChatSession((session) => session.status);
      renders.status += 1;
      return null;
    }
    function Secret() {
      secrets.push(useChatSession((session) => session.clientSecret));
      renders.secret += 1;
      return null;
    }
    // Each tab is a page of its own, with a cache of its own.
    const clients = [new QueryClient(), new QueryClient()] as const;
    const tab = (index: 0 | 1, children: ReactNode) => (
      <ChatSessionProvider
        queryClient={clients[index]}
        fetchSession={backend.fetchSession}
        shareAcrossTabs={createTabSync}
        sessionKey="alice"
        environment={{
          ...createTestEnvironment().environment,
          createBroadcastChannel: hub.createBroadcastChannel,
          locks: hub.locks,
        }}
      >
        {children}
      </ChatSessionProvider>
    );
    render(
      <>
        {tab(0, <OtherTab />)}
        {tab(
          1,
          <>
            <Status />
            <Secret />
          </>,
        )}
      </>,
    );
    await advance(1_000);
    // Both tabs started on their own; each adopts whichever session expires later.
    const before = { ...renders };
    act(() => void refreshOtherTab());
    await advance(100);
    expect(secrets.at(-1)).toBe(`ek_test_${backend.requests}`);
    expect(renders.secret - before.secret).toBe(1);
    expect(renders.status - before.status).toBe(0);
  });

  it('renders nothing and requests nothing for 100 visibility and focus toggles on a fresh session', async () => {
    let renders = 0;
    function Whole() {
      useChatSession();
      renders += 1;
      return null;
    }
    const { backend, env } = renderWithSession(<Whole />);
    await advance(100);
    const before = renders;
    for (let toggle = 0; toggle < 100; toggle += 1) {
      act(() => {
        env.setVisible(toggle % 2 === 1);
        env.dispatch('focus');
      });
    }
    await advance(0);
    expect(renders).toBe(before);
    expect(backend.requests).toBe(1);
  });

  it('never shows the previous user’s secret after sessionKey changes, and drops its late response', async () => {
    const shown: { user: string; secret: string | null }[] = [];
    let refresh: UseChatSessionResult['refresh'] = async () => {};
    function Show({ user }: { user: string }) {
      const secret = useChatSession((session) => session.clientSecret);
      refresh = useChatSession((session) => session.refresh);
      shown.push({ user, secret });
      return null;
    }
    const { backend, rerenderWith, queryClient } = renderWithSession(<Show user="alice" />, {
      sessionKey: 'alice',
      latencyMs: 5_000,
    });
    await advance(5_100);
    expect(shown.at(-1)).toEqual({ user: 'alice', secret: 'ek_test_1' });
    // Alice's renewal is in flight when Bob signs in; it answers after Bob's.
    act(() => void refresh());
    await advance(1_000);
    rerenderWith(<Show user="bob" />, { sessionKey: 'bob' });
    await advance(10_000);
    const bob = shown.filter((entry) => entry.user === 'bob').map((entry) => entry.secret);
    expect(bob[0]).toBeNull();
    expect(bob.at(-1)).toBe('ek_test_3');
    expect(bob).not.toContain('ek_test_1');
    expect(bob).not.toContain('ek_test_2');
    expect(backend.requests).toBe(3);
    expect(queryClient.getQueryData(chatSessionQueryKey('alice'))).toBeUndefined();
  });

  it('stops at once after unmount, and leaves no timer and no secret in the cache after the grace period', async () => {
    const { env, unmount, queryClient } = renderWithSession(<SessionStatus />);
    await advance(100);
    expect(env.listenerCount()).toBe(4);
    unmount();
    await advance(0);
    expect(env.listenerCount()).toBe(0);
    expect(queryClient.getQueryData(chatSessionQueryKey())).toBeDefined();
    await advance(GRACE_MS);
    expect(vi.getTimerCount()).toBe(0);
    expect(queryClient.getQueryData(chatSessionQueryKey())).toBeUndefined();
  });

  it('keeps the identity of useChatKitApi().getClientSecret across renders and renewals', async () => {
    const seen = new Set<unknown>();
    function Api() {
      seen.add(useChatKitApi().getClientSecret);
      useChatSession();
      return null;
    }
    renderWithSession(<Api />);
    await advance(100);
    await advance(16 * MINUTE);
    expect(seen.size).toBe(1);
  });

  it('keeps the session in the app’s QueryClient, and adopts a cached one without a request', async () => {
    const { queryClient, backend } = renderWithSession(<SessionStatus />, { sessionKey: 'alice' });
    await advance(100);
    const cached = queryClient.getQueryData<{ session: { client_secret: string } }>(chatSessionQueryKey('alice'));
    expect(cached?.session.client_secret).toBe('ek_test_1');
    expect(queryClient.getQueryDefaults(chatSessionQueryKey('alice'))).toMatchObject({
      retry: false,
      refetchOnWindowFocus: false,
      staleTime: Number.POSITIVE_INFINITY,
    });
    cleanup();

    const client = new QueryClient();
    client.setQueryData(chatSessionQueryKey('bob'), {
      session: { ...sessionFixture, client_secret: 'ek_dehydrated' },
      expiresAt: Date.now() + 5 * MINUTE,
    });
    const secrets: (string | null)[] = [];
    function Secret() {
      secrets.push(useChatSession((session) => session.clientSecret));
      return null;
    }
    render(
      <ChatSessionProvider fetchSession={backend.fetchSession} queryClient={client} sessionKey="bob">
        <Secret />
      </ChatSessionProvider>,
    );
    await advance(100);
    expect(secrets).toEqual(['ek_dehydrated']);
    expect(backend.requests).toBe(1);
  });

  it('throws an error naming the provider when a hook is used outside it', () => {
    function Orphan() {
      useChatSession();
      return null;
    }
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Orphan />)).toThrow(
      'useChatSession must be used inside a <ChatSessionProvider> from @chatkit-session/react.',
    );
  });
});
