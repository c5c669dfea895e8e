import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { type ReactNode, StrictMode, useEffect, useLayoutEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionFixture } from '../../core/test/createTestBackend.js';
import { createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import {
  ChatSessionProvider,
  type ChatSessionProviderProps,
  chatSessionQueryKey,
  type UseChatSessionResult,
  useChatSession,
} from '../src/index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const MINUTE = 60_000;
// Longer than any grace period a provider keeps an unused session for (React Query's default gcTime is 5 minutes).
const AFTER_GRACE = 6 * MINUTE;

/**
 * A session backend that knows who asks: each signed-in user's `fetchSession` is its own closure (as an app's would
 * send that user's cookie), and the secret it answers names the user and the request: `ek_<user>_<n>`.
 */
function createUserBackend({ lifetimeSeconds = 600, latencyMs = 50 } = {}) {
  const requests: string[] = [];
  return {
    /** Who each request was for, in order. */
    requests,
    fetchSessionFor(user: string): ChatSessionProviderProps['fetchSession'] {
      return ({ signal }) => {
        requests.push(user);
        const id = requests.length;
        return new Promise((resolve, reject) => {
          const timer = setTimeout(
            () =>
              resolve({
                ...sessionFixture,
                id: `cksess_${id}`,
                client_secret: `ek_${user}_${id}`,
                expires_at: Math.floor(Date.now() / 1000) + lifetimeSeconds,
              }),
            latencyMs,
          );
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        });
      };
    },
  };
}

/**
 * One app as a user switch sees it: the same QueryClient and environment throughout, the provider keyed by the user and
 * fetching through that user's closure.
 */
function userApp(
  { queryClient, backend, env }: AppParts,
  user: string,
  children: ReactNode,
  props: Partial<ChatSessionProviderProps> = {},
) {
  return (
    <QueryClientProvider client={queryClient}>
      <ChatSessionProvider
        sessionKey={user}
        fetchSession={backend.fetchSessionFor(user)}
        environment={env.environment}
        {...props}
      >
        {children}
      </ChatSessionProvider>
    </QueryClientProvider>
  );
}

interface AppParts {
  readonly queryClient: QueryClient;
  readonly backend: ReturnType<typeof createUserBackend>;
  readonly env: ReturnType<typeof createTestEnvironment>;
}

/** Records how each `getClientSecret` call ends, as ChatKit would see it. */
function createCallLog() {
  const resolved: string[] = [];
  const rejected: unknown[] = [];
  return {
    resolved,
    track(call: Promise<string>) {
      call.then(
        (secret) => resolved.push(secret),
        (error: unknown) => rejected.push(error),
      );
    },
    /** How many calls were rejected, by error kind (`{}` when none was). */
    get rejectedKinds() {
      const kinds: Record<string, number> = {};
      for (const error of rejected) {
        const kind = (error as { kind?: string }).kind ?? String(error);
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      return kinds;
    },
  };
}

/** Every client secret anywhere in a QueryClient's cache. */
function cachedSecrets(queryClient: QueryClient): string[] {
  const data = JSON.stringify(
    queryClient
      .getQueryCache()
      .getAll()
      .map((query) => query.state.data),
  );
  return data.match(/ek_\w+/g) ?? [];
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChatSessionProvider', () => {
  it('answers getClientSecret with the new user’s secret when sessionKey changes, also through earlier actions', async () => {
    const env = createTestEnvironment();
    const backend = createUserBackend();
    const queryClient = new QueryClient();
    const log = createCallLog();
    let beforeSession: UseChatSessionResult | null = null;
    function Chat() {
      return <p>{useChatSession((session) => session.clientSecret)}</p>;
    }
    // Mounts with the new user, as a chat opened right after sign-in does, and asks for a secret at once.
    function Asker() {
      const session = useChatSession();
      if (session.clientSecret === null) beforeSession ??= session;
      const { getClientSecret } = session;
      // Layout effects run before the commit's passive effects (and their cleanups); passive ones after.
      useLayoutEffect(() => log.track(getClientSecret(null)), [getClientSecret]);
      useEffect(() => log.track(getClientSecret(null)), [getClientSecret]);
      return null;
    }
    const tree = (user: string, asker: boolean) =>
      userApp(
        { queryClient, backend, env },
        user,
        <>
          <Chat />
          {asker && <Asker />}
        </>,
      );
    const { container, rerender, unmount } = render(tree('A', false));
    await advance(100);
    expect(container.textContent).toBe('ek_A_1');

    rerender(tree('B', true));
    await advance(100);
    // The actions a render handed out before B's session arrived, used later (ChatKit keeps what it was given).
    if (beforeSession) log.track((beforeSession as UseChatSessionResult).getClientSecret(null));
    await advance(100);

    expect({
      shown: container.textContent,
      requests: backend.requests,
      rejected: log.rejectedKinds,
      resolved: log.resolved,
      handedOutBeforeSession: beforeSession !== null,
    }).toEqual({
      shown: 'ek_B_2',
      requests: ['A', 'B'],
      rejected: {},
      resolved: ['ek_B_2', 'ek_B_2', 'ek_B_2'],
      handedOutBeforeSession: true,
    });

    unmount();
    await advance(AFTER_GRACE);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });

  it('rejects a getClientSecret call still waiting when the user changes as superseded, at once, and answers later calls for the new user', async () => {
    const backend = createUserBackend({ latencyMs: 2_000 });
    const env = createTestEnvironment();
    const queryClient = new QueryClient();
    const before = createCallLog();
    const after = createCallLog();
    let getClientSecret: UseChatSessionResult['getClientSecret'] = async () => '';
    function Chat() {
      getClientSecret = useChatSession((session) => session.getClientSecret);
      return null;
    }
    const tree = (user: string) => userApp({ queryClient, backend, env }, user, <Chat />);
    const { rerender } = render(tree('A'));
    // ChatKit asks while A's first session is on its way; B signs in before it arrives.
    await advance(500);
    before.track(getClientSecret(null));
    rerender(tree('B'));
    // At once: the call made for A learns it lost its user before any request of B's has answered.
    await advance(0);
    expect(before.rejectedKinds).toEqual({ superseded: 1 });
    // A ChatKit that was not remounted asks again, and that call belongs to B.
    after.track(getClientSecret(null));
    await advance(2_100);
    expect({
      before: { resolved: before.resolved, rejected: before.rejectedKinds },
      after: { resolved: after.resolved, rejected: after.rejectedKinds },
      requests: backend.requests,
    }).toEqual({
      before: { resolved: [], rejected: { superseded: 1 } },
      after: { resolved: ['ek_B_2'], rejected: {} },
      requests: ['A', 'B'],
    });
  });

  it('answers every call only with a secret of the user signed in when it was made, across A → B → A → C with answers out of order', async () => {
    const env = createTestEnvironment();
    const queryClient = new QueryClient();
    // Each user's requests answer after a latency of their own, so answers arrive out of the order they were asked.
    const latencies: Record<string, number> = { A: 3_000, B: 100, C: 1_500 };
    const backends = Object.fromEntries(
      Object.entries(latencies).map(([user, latencyMs]) => [user, createUserBackend({ latencyMs })]),
    );
    const calls: { user: string; outcome: Promise<{ secret?: string; kind?: string | undefined }> }[] = [];
    // Each call's outcome is handled as it is made, as ChatKit would.
    const settle = (call: Promise<string>) =>
      call.then(
        (secret) => ({ secret }),
        (error: { kind?: string }) => ({ kind: error.kind }),
      );
    let getClientSecret: UseChatSessionResult['getClientSecret'] = async () => '';
    function Chat() {
      getClientSecret = useChatSession((session) => session.getClientSecret);
      return null;
    }
    const tree = (user: string) =>
      userApp({ queryClient, backend: backends[user] as ReturnType<typeof createUserBackend>, env }, user, <Chat />);
    const { rerender } = render(<StrictMode>{tree('A')}</StrictMode>);
    const ask = (user: string, times: number) => {
      for (let i = 0; i < times; i++) calls.push({ user, outcome: settle(getClientSecret(null)) });
    };
    for (const [user, next] of [
      ['A', 'B'],
      ['B', 'A'],
      ['A', 'C'],
    ] as const) {
      ask(user, 5);
      await advance(200);
      ask(user, 5);
      await advance(50);
      rerender(<StrictMode>{tree(next)}</StrictMode>);
      await advance(100);
    }
    ask('C', 3);
    await advance(10_000);
    const outcomes = await Promise.all(
      calls.map(({ user, outcome }) =>
        outcome.then(({ secret, kind }) =>
          secret ? `${user}: ${secret.split('_')[1] === user ? 'own' : `other (${secret})`}` : `${user}: ${kind}`,
        ),
      ),
    );
    const tally: Record<string, number> = {};
    for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
    // A's first session takes 3 s, longer than A is signed in each time: every call made for A loses its user first.
    expect(tally).toEqual({ 'A: superseded': 20, 'B: own': 10, 'C: own': 3 });
  });

  it('never adopts the initialSession rendered for the previous user when sessionKey changes', async () => {
    const env = createTestEnvironment();
    const backend = createUserBackend();
    const queryClient = new QueryClient();
    const initialSession = {
      session: {
        ...sessionFixture,
        client_secret: 'ek_for_A',
        expires_at: Math.floor(Date.now() / 1000) + 10 * MINUTE,
      },
      expiresAt: Date.now() + 10 * MINUTE,
    };
    const shown: { user: string; secret: string | null }[] = [];
    function Chat({ user }: { user: string }) {
      const secret = useChatSession((session) => session.clientSecret);
      shown.push({ user, secret });
      return <p>{secret}</p>;
    }
    // The app keeps passing the prop it got from its server render for A.
    const tree = (user: string) =>
      userApp({ queryClient, backend, env }, user, <Chat user={user} />, { initialSession });
    const { container, rerender, unmount } = render(tree('A'));
    await advance(100);
    expect({ shown: container.textContent, requests: backend.requests }).toEqual({ shown: 'ek_for_A', requests: [] });

    rerender(tree('B'));
    await advance(100);

    expect({
      shownToB: [...new Set(shown.filter((entry) => entry.user === 'B').map((entry) => entry.secret))],
      requests: backend.requests,
      cachedForB: cachedSecrets(queryClient),
    }).toEqual({ shownToB: [null, 'ek_B_1'], requests: ['B'], cachedForB: ['ek_B_1'] });

    unmount();
    await advance(AFTER_GRACE);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });

  it('removes a user’s secret from the QueryClient at once when sessionKey changes, and after unmount', async () => {
    const env = createTestEnvironment();
    const backend = createUserBackend();
    const queryClient = new QueryClient();
    function Chat() {
      return <p>{useChatSession((session) => session.clientSecret)}</p>;
    }
    const tree = (user: string) => userApp({ queryClient, backend, env }, user, <Chat />);
    const { container, rerender, unmount } = render(tree('A'));
    await advance(100);
    expect(cachedSecrets(queryClient)).toEqual(['ek_A_1']);

    // `rerender` commits and runs the effects; no time passes.
    rerender(tree('B'));
    expect(queryClient.getQueryData(chatSessionQueryKey('A'))).toBeUndefined();
    expect(cachedSecrets(queryClient)).toEqual([]);
    await advance(100);
    expect(container.textContent).toBe('ek_B_2');
    expect(cachedSecrets(queryClient)).toEqual(['ek_B_2']);

    unmount();
    await advance(AFTER_GRACE);
    expect({
      cachedForB: queryClient.getQueryData(chatSessionQueryKey('B')),
      anywhere: cachedSecrets(queryClient),
    }).toEqual({ cachedForB: undefined, anywhere: [] });
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });
});
