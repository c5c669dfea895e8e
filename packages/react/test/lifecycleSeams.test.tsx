import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { Activity, StrictMode, Suspense, useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import { createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import { ChatSessionProvider, useChatKitApi, useChatSession, useSuspenseChatSession } from '../src/index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const MINUTE = 60_000;
// Longer than any grace period a provider keeps an unused session for (React Query's default gcTime is 5 minutes).
const AFTER_GRACE = 6 * MINUTE;

/** Records how each `getClientSecret` call ends, as ChatKit would see it. */
function createCallLog() {
  const resolved: string[] = [];
  const rejected: unknown[] = [];
  return {
    resolved,
    rejected,
    track(call: Promise<string>) {
      call.then(
        (secret) => resolved.push(secret),
        (error: unknown) => rejected.push(error),
      );
    },
    get calls() {
      return resolved.length + rejected.length;
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

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChatSessionProvider', () => {
  it('answers 100 consumers’ getClientSecret calls with one secret, one request and one function under StrictMode', async () => {
    const log = createCallLog();
    const identities = new Set<unknown>();
    let effects = 0;
    function Consumer() {
      const { getClientSecret } = useChatKitApi();
      const fromSession = useChatSession((session) => session.getClientSecret);
      const secret = useChatSession((session) => session.clientSecret);
      identities.add(getClientSecret);
      identities.add(fromSession);
      // A child's effect runs before its provider's: ChatKit asks for a secret as soon as it mounts.
      useEffect(() => {
        effects += 1;
        identities.add(getClientSecret);
        identities.add(fromSession);
        log.track(getClientSecret(null));
        log.track(fromSession(null));
      }, [getClientSecret, fromSession]);
      return <span>{secret}</span>;
    }
    const env = createTestEnvironment();
    const backend = createTestBackend();
    const { container, unmount } = render(
      // Around the whole app, as apps do: the provider's effects run twice too.
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <ChatSessionProvider fetchSession={backend.fetchSession} environment={env.environment}>
            {Array.from({ length: 100 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of identical consumers.
              <Consumer key={index} />
            ))}
          </ChatSessionProvider>
        </QueryClientProvider>
      </StrictMode>,
    );
    await advance(100);
    await advance(1_000);
    // StrictMode ran every effect twice.
    expect(effects).toBeGreaterThanOrEqual(200);
    expect({
      rejected: log.rejectedKinds,
      secrets: [...new Set(log.resolved)],
      requests: backend.requests,
      functions: identities.size,
    }).toEqual({ rejected: {}, secrets: ['ek_test_1'], requests: 1, functions: 1 });
    expect(log.resolved).toHaveLength(2 * effects);
    expect(container.textContent).toBe('ek_test_1'.repeat(100));

    unmount();
    await advance(AFTER_GRACE);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });
});

describe('useSuspenseChatSession', () => {
  it('renders the secret after exactly one request when the Suspense boundary is above the provider', async () => {
    const env = createTestEnvironment();
    const backend = createTestBackend();
    const queryClient = new QueryClient();
    function Chat() {
      const { clientSecret } = useSuspenseChatSession();
      return <p>{clientSecret}</p>;
    }
    const { container, unmount } = render(
      <QueryClientProvider client={queryClient}>
        <Suspense fallback="loading">
          <ChatSessionProvider fetchSession={backend.fetchSession} environment={env.environment}>
            <Chat />
          </ChatSessionProvider>
        </Suspense>
      </QueryClientProvider>,
    );
    expect(container.textContent).toBe('loading');
    await advance(100);
    await advance(1_000);
    expect({ shown: container.textContent, requests: backend.requests }).toEqual({ shown: 'ek_test_1', requests: 1 });

    unmount();
    await advance(AFTER_GRACE);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });
});

describe('ChatSessionProvider', () => {
  it('keeps its session, answers calls and renews on schedule when <Activity> hides and shows it', async () => {
    const env = createTestEnvironment();
    const backend = createTestBackend();
    const queryClient = new QueryClient();
    const log = createCallLog();
    let getClientSecret: (current?: string | null) => Promise<string> = () => Promise.reject(new Error('not yet'));
    function Chat() {
      const api = useChatKitApi();
      getClientSecret = api.getClientSecret;
      return <p>{useChatSession((session) => session.clientSecret)}</p>;
    }
    const tree = (mode: 'hidden' | 'visible') => (
      <QueryClientProvider client={queryClient}>
        <Activity mode={mode}>
          <ChatSessionProvider fetchSession={backend.fetchSession} environment={env.environment}>
            <Chat />
          </ChatSessionProvider>
        </Activity>
      </QueryClientProvider>
    );
    const { container, rerender, unmount } = render(tree('visible'));
    await advance(100);
    expect(container.textContent).toBe('ek_test_1');
    const before = getClientSecret;

    rerender(tree('hidden'));
    await advance(10_000);
    // ChatKit keeps the function it was given and may call it while its subtree is hidden.
    log.track(before(null));
    await advance(100);
    rerender(tree('visible'));
    await advance(100);
    log.track(before(null));
    log.track(getClientSecret(null));
    await advance(100);

    expect({
      shown: container.textContent,
      requests: backend.requests,
      rejected: log.rejectedKinds,
      resolved: log.resolved,
      sameFunction: getClientSecret === before,
    }).toEqual({
      shown: 'ek_test_1',
      requests: 1,
      rejected: {},
      resolved: ['ek_test_1', 'ek_test_1', 'ek_test_1'],
      sameFunction: true,
    });

    await advance(9 * MINUTE);
    expect(backend.requests).toBe(2);
    expect(container.textContent).toBe('ek_test_2');

    unmount();
    await advance(AFTER_GRACE);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });

  it('shows a session when revealed after staying hidden in <Activity> for longer than the grace period', async () => {
    const env = createTestEnvironment();
    const backend = createTestBackend();
    const queryClient = new QueryClient();
    function Secret() {
      return <span>{useChatSession((session) => session.clientSecret) ?? 'none'}</span>;
    }
    // One element, so revealing re-renders nothing inside it: the provider commits what it rendered while hidden.
    const provider = (
      <ChatSessionProvider fetchSession={backend.fetchSession} environment={env.environment} queryClient={queryClient}>
        <Secret />
      </ChatSessionProvider>
    );
    const { container, rerender, unmount } = render(<Activity mode="hidden">{provider}</Activity>);
    await advance(AFTER_GRACE);
    expect(backend.requests).toBe(0);

    rerender(<Activity mode="visible">{provider}</Activity>);
    await advance(100);
    expect({ shown: container.textContent, requests: backend.requests }).toEqual({
      shown: 'ek_test_1',
      requests: 1,
    });

    unmount();
    await advance(AFTER_GRACE);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  });
});
