import type { ChatSessionEvent } from '@chatkit-session/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import { createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import {
  ChatSessionProvider,
  type ChatSessionProviderProps,
  reportEvents,
  useChatKitApi,
  useChatSession,
} from '../src/index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const MINUTE = 60_000;

/** ChatKit on the page: holds the session, so it is renewed while mounted. */
function Chat() {
  useChatKitApi();
  return <p>{useChatSession((session) => session.clientSecret)}</p>;
}

/** One endpoint: its own backend, whose secrets say which endpoint minted them, and the events it was told. */
function createEndpoint(name: string) {
  const backend = createTestBackend({ lifetimeSeconds: 600, latencyMs: 50 });
  const events: ChatSessionEvent['type'][] = [];
  const props: Partial<ChatSessionProviderProps> = {
    fetchSession: async (context) => {
      const response = (await backend.fetchSession(context)) as Response;
      const session = await response.json();
      return { ...session, client_secret: `ek_${name}_${backend.requests}` };
    },
    telemetry: reportEvents((event) => events.push(event.type)),
  };
  return { backend, events, props };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChatSessionProvider', () => {
  for (const strict of [false, true]) {
    it(`sends every request and event to the provider mounted now when one remounts within the grace period${strict ? ' (StrictMode)' : ''}`, async () => {
      const env = createTestEnvironment();
      const queryClient = new QueryClient();
      const first = createEndpoint('E1');
      const second = createEndpoint('E2');
      const app = (endpoint: ReturnType<typeof createEndpoint>) => {
        const tree = (
          <QueryClientProvider client={queryClient}>
            <ChatSessionProvider
              sessionKey="alice"
              environment={env.environment}
              {...(endpoint.props as ChatSessionProviderProps)}
            >
              <Chat />
            </ChatSessionProvider>
          </QueryClientProvider>
        );
        return strict ? <StrictMode>{tree}</StrictMode> : tree;
      };
      const view = render(app(first));
      await advance(100);
      expect(view.container.textContent).toBe('ek_E1_1');
      view.unmount();
      await advance(1_000);
      // What the first provider heard ends with its unmount (the session it let go lapses).
      const eventsBefore = first.events.length;

      // Another provider for the same user, with another endpoint, within the grace period.
      const next = render(app(second));
      await advance(30 * MINUTE);

      expect({
        toFirst: first.backend.requests,
        eventsToFirst: first.events.length - eventsBefore,
        toSecond: second.backend.requests,
        shown: next.container.textContent,
      }).toEqual({
        toFirst: 1,
        eventsToFirst: 0,
        // The session already held stays; its renewals go to the endpoint mounted now.
        toSecond: expect.any(Number),
        shown: expect.stringMatching(/^ek_E2_\d+$/),
      });
      expect(second.backend.requests).toBeGreaterThanOrEqual(3);
      expect(second.events).toContain('renewal');
    });
  }

  it('goes back to the provider still mounted when the one mounted last unmounts', async () => {
    const env = createTestEnvironment();
    const queryClient = new QueryClient();
    const first = createEndpoint('E1');
    const second = createEndpoint('E2');
    const provider = (endpoint: ReturnType<typeof createEndpoint>) => (
      <ChatSessionProvider
        sessionKey="alice"
        environment={env.environment}
        {...(endpoint.props as ChatSessionProviderProps)}
      >
        <Chat />
      </ChatSessionProvider>
    );
    const view = render(
      <QueryClientProvider client={queryClient}>
        {provider(first)}
        {provider(second)}
      </QueryClientProvider>,
    );
    await advance(100);
    // The second provider committed last: the first request went to it.
    expect({ toFirst: first.backend.requests, toSecond: second.backend.requests }).toEqual({ toFirst: 0, toSecond: 1 });
    view.rerender(<QueryClientProvider client={queryClient}>{provider(first)}</QueryClientProvider>);
    await advance(30 * MINUTE);
    expect(second.backend.requests).toBe(1);
    expect(first.backend.requests).toBeGreaterThanOrEqual(3);
  });
});
