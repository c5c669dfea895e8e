import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import { renderWithSession } from '../test/renderWithSession.js';
import {
  type ChatSessionProviderProps,
  type UseChatKitCustomApiResult,
  useChatKitCustomApi,
  useChatSession,
} from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const MINUTE = 60_000;

/** Stands in for the network under the custom `fetch`: records the Authorization of each request. */
function recordAuthorizations() {
  const authorizations: (string | null)[] = [];
  vi.stubGlobal('fetch', async (_input: RequestInfo | URL, init?: RequestInit) => {
    authorizations.push(new Headers(init?.headers).get('authorization'));
    return new Response(null, { status: 204 });
  });
  return authorizations;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useChatKitCustomApi', () => {
  it('keeps one config across renders, renewals and user switches when given an inline { url, domainKey }', async () => {
    const seen = new Set<UseChatKitCustomApiResult>();
    let secret: string | null = null;
    function Api() {
      const api = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_test' });
      expectTypeOf(api).toEqualTypeOf<UseChatKitCustomApiResult>();
      seen.add(api);
      // Re-renders on every state change.
      secret = useChatSession((session) => session.clientSecret);
      return null;
    }
    const authorizations = recordAuthorizations();
    const { backend, rerenderWith } = renderWithSession(<Api />);
    await advance(100);
    rerenderWith(<Api />);
    await advance(18 * MINUTE);
    expect(backend.requests).toBeGreaterThanOrEqual(3);
    expect(seen.size).toBe(1);
    const [api] = seen;
    expect(api).toEqual({ url: '/api/chatkit', domainKey: 'domain_pk_test', fetch: expect.any(Function) });
    await act(() => api?.fetch('/api/chatkit', { method: 'POST', body: '{}' }));
    expect(authorizations).toEqual([`Bearer ${secret}`]);

    rerenderWith(<Api />, { sessionKey: 'bob' });
    await advance(100);
    expect(seen.size).toBe(1);
    await act(() => api?.fetch('/api/chatkit', { method: 'POST', body: '{}' }));
    expect(authorizations.at(-1)).toBe(`Bearer ${secret}`);
    expect(authorizations[0]).not.toBe(authorizations[1]);
  });

  it('sends the secret to its url’s origin only: a request ChatKit makes elsewhere (an upload URL) carries none', async () => {
    let api: UseChatKitCustomApiResult | undefined;
    function Api() {
      api = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_test' });
      return null;
    }
    const authorizations = recordAuthorizations();
    renderWithSession(<Api />);
    await advance(100);
    await act(() => api?.fetch('https://uploads.example.com/bucket/file?signature=abc', { method: 'PUT', body: 'x' }));
    await act(() => api?.fetch(`${location.origin}/api/chatkit`, { method: 'POST', body: '{}' }));
    expect(authorizations).toEqual([null, expect.stringMatching(/^Bearer ek_test_\d+$/)]);
  });

  it('sends through the fetch it is given, read at each request, without a new config', async () => {
    const seen = new Set<UseChatKitCustomApiResult>();
    const sent: string[] = [];
    function Api({ tag }: { tag: string }) {
      const api = useChatKitCustomApi({
        url: '/api/chatkit',
        domainKey: 'domain_pk_test',
        // An inline function, new on every render.
        fetch: async (_input, init) => {
          sent.push(`${tag} ${new Headers(init?.headers).get('authorization')?.slice(0, 7)}`);
          return new Response(null, { status: 204 });
        },
      });
      seen.add(api);
      return null;
    }
    const { rerenderWith } = renderWithSession(<Api tag="first" />);
    await advance(100);
    rerenderWith(<Api tag="second" />);
    const [api] = seen;
    await act(() => api?.fetch('/api/chatkit', { method: 'POST', body: '{}' }));
    expect(seen.size).toBe(1);
    expect(sent).toEqual(['second Bearer ']);
  });

  it('returns a new config when the url or the domain key changes', async () => {
    const seen: UseChatKitCustomApiResult[] = [];
    function Api({ url, domainKey }: { url: string; domainKey: string }) {
      seen.push(useChatKitCustomApi({ url, domainKey }));
      return null;
    }
    const { rerenderWith } = renderWithSession(<Api url="/a" domainKey="domain_pk_a" />);
    rerenderWith(<Api url="/a" domainKey="domain_pk_a" />);
    rerenderWith(<Api url="/b" domainKey="domain_pk_a" />);
    rerenderWith(<Api url="/b" domainKey="domain_pk_b" />);
    await advance(100);
    expect(new Set(seen).size).toBe(3);
    expect(seen.at(-1)).toMatchObject({ url: '/b', domainKey: 'domain_pk_b' });
  });

  it('never sends a request of one user with the next user’s token: one waiting for a token, or refused after the switch, rejects as superseded', async () => {
    let api: UseChatKitCustomApiResult | undefined;
    function Api() {
      api = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_test' });
      return null;
    }
    // The app's ChatKit server: it refuses alice's second token, and answers only when the test says.
    const sent: string[] = [];
    const answers: (() => void)[] = [];
    vi.stubGlobal('fetch', (_input: RequestInfo | URL, init?: RequestInit) => {
      const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? 'none';
      sent.push(token);
      return new Promise<Response>((resolve) =>
        answers.push(() => resolve(new Response(null, { status: token === 'ek_alice_1' ? 401 : 204 }))),
      );
    });
    const backend = createTestBackend({ lifetimeSeconds: 600, latencyMs: 2_000 });
    const fetchSessionFor =
      (user: string): ChatSessionProviderProps['fetchSession'] =>
      async (context) => {
        const session = await ((await backend.fetchSession(context)) as Response).json();
        return { ...session, client_secret: `ek_${user}_${backend.requests}` };
      };
    const { rerenderWith } = renderWithSession(<Api />, {
      sessionKey: 'alice',
      fetchSession: fetchSessionFor('alice'),
    });
    await advance(2_100);
    const outcomes: string[] = [];
    const send = () =>
      api?.fetch('/api/chatkit', { method: 'POST', body: '{}' }).then(
        (response) => outcomes.push(String(response.status)),
        (error: { kind?: string }) => outcomes.push(error.kind ?? String(error)),
      );
    // Sent with alice's token; the server's 401 arrives after bob signed in.
    await act(async () => void send());
    expect(sent).toEqual(['ek_alice_1']);
    rerenderWith(<Api />, { sessionKey: 'bob', fetchSession: fetchSessionFor('bob') });
    await act(async () => answers.shift()?.());
    await advance(500);
    expect({ outcomes, sent }).toEqual({ outcomes: ['superseded'], sent: ['ek_alice_1'] });

    // Waiting for bob's first token (2 s away) when alice signs in again.
    await act(async () => void send());
    rerenderWith(<Api />, { sessionKey: 'alice', fetchSession: fetchSessionFor('alice') });
    await advance(5_000);
    // Not one request of alice's went out with bob's token, nor one of bob's at all.
    expect({ outcomes, sent }).toEqual({ outcomes: ['superseded', 'superseded'], sent: ['ek_alice_1'] });
  });
});
