import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalServer, listen, refusedURL } from '../../server/test/listen.js';
import {
  type ChatSessionControllerOptions,
  ChatSessionError,
  createChatKitFetch,
  createChatSessionController,
  reportEvents,
} from '../src/index.js';
import { createTestBackend } from './createTestBackend.js';
import { createTestEnvironment } from './createTestEnvironment.js';

/** One request the app's server saw. */
interface Hit {
  readonly token: string | undefined;
  readonly status: number;
  readonly body: string;
  readonly trace: string | undefined;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllGlobals();
});

/**
 * A real controller over the test backend (real timers, a short latency) and, on 127.0.0.1, the app's own ChatKit
 * server: it accepts a Bearer token only if the backend issued it, it has not expired and it was not refused.
 */
async function setup(options: Pick<ChatSessionControllerOptions, 'telemetry'> = {}) {
  const env = createTestEnvironment();
  const backend = createTestBackend({ latencyMs: 5 });
  const controller = createChatSessionController({
    fetchSession: backend.fetchSession,
    environment: env.environment,
    ...options,
  });
  const refused = new Set<string>();
  const hits: Hit[] = [];
  let refuseAll = false;
  // While set, refusals wait to be released: the test decides when the 401s arrive.
  let holdRefusals = false;
  const held: (() => void)[] = [];
  const server: LocalServer = await listen((request, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      const valid =
        token !== undefined && !refuseAll && !refused.has(token) && (backend.expiryOf(token) ?? 0) > Date.now();
      const status = valid ? 200 : 401;
      const body = Buffer.concat(chunks).toString();
      const trace = request.headers['x-trace'] as string | undefined;
      hits.push({ token, status, body, trace });
      const answer = () =>
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(valid ? { body, trace } : { error: 'invalid_token' }));
      if (valid || !holdRefusals) return answer();
      held.push(answer);
    });
  });
  cleanups.push(
    () => server.close(),
    () => controller.dispose(),
  );
  controller.start();
  // The session every test starts from: `ek_test_1`.
  await controller.getClientSecret();
  return {
    backend,
    controller,
    hits,
    url: `${server.url}/chatkit`,
    refuse: (secret: string) => refused.add(secret),
    refuseEverything: () => {
      refuseAll = true;
    },
    refuseOnly: (...secrets: string[]) => {
      refuseAll = false;
      for (const secret of secrets) refused.add(secret);
    },
    holdRefusals: () => {
      holdRefusals = true;
    },
    /** Waits (bounded) until `count` refusals are held, then sends the first `release` of them. */
    async releaseRefusals(count: number, release = count) {
      await vi.waitFor(() => expect(held).toHaveLength(count), { timeout: 2000 });
      for (const answer of held.splice(0, release)) answer();
    },
  };
}

const statusesOf = (hits: readonly Hit[]) => hits.map(({ token, status }) => `${status} ${token}`);

/** A body `fetch` reads once, and the init it needs to send one. */
function streamedBody(text: string): RequestInit {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return { method: 'POST', body: stream, duplex: 'half' } as RequestInit;
}

describe('createChatKitFetch', () => {
  it('sends the secret as a Bearer token over the caller’s Authorization and keeps the caller’s other headers', async () => {
    const { controller, hits, url } = await setup();
    const chatKitFetch = createChatKitFetch(controller, { url });
    const response = await chatKitFetch(url, {
      method: 'POST',
      headers: { Authorization: 'Bearer stale', 'x-trace': 'init' },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ body: 'hello', trace: 'init' });
    const fromRequest = await chatKitFetch(new Request(url, { headers: { 'x-trace': 'request' } }));
    expect(await fromRequest.json()).toEqual({ body: '', trace: 'request' });
    expect(statusesOf(hits)).toEqual(['200 ek_test_1', '200 ek_test_1']);
  });

  it('renews once and replays once when the app’s server refuses the secret', async () => {
    const { backend, controller, hits, url, refuse } = await setup();
    refuse('ek_test_1');
    const response = await createChatKitFetch(controller, { url })(url, {
      method: 'POST',
      body: '{"op":"threads.list"}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ body: '{"op":"threads.list"}' });
    expect(backend.requests).toBe(2);
    expect(statusesOf(hits)).toEqual(['401 ek_test_1', '200 ek_test_2']);
    expect(hits[1]?.body).toBe(hits[0]?.body);
  });

  it.each<[string, () => RequestInit, string]>([
    ['no body', () => ({}), ''],
    ['a string', () => ({ method: 'POST', body: 'text-body' }), 'text-body'],
    ['a Blob', () => ({ method: 'POST', body: new Blob(['blob-body']) }), 'blob-body'],
    ['an ArrayBuffer', () => ({ method: 'POST', body: new TextEncoder().encode('buffer-body').buffer }), 'buffer-body'],
    ['a typed array', () => ({ method: 'POST', body: new TextEncoder().encode('view-body') }), 'view-body'],
    ['URLSearchParams', () => ({ method: 'POST', body: new URLSearchParams({ q: 'params-body' }) }), 'q=params-body'],
    [
      'FormData',
      () => {
        const form = new FormData();
        form.set('field', 'form-body');
        return { method: 'POST', body: form };
      },
      'form-body',
    ],
  ])('replays a request whose body is %s with the same body', async (_, init, text) => {
    const { backend, controller, hits, url, refuse } = await setup();
    refuse('ek_test_1');
    const response = await createChatKitFetch(controller, { url })(url, init());
    expect(response.status).toBe(200);
    expect(backend.requests).toBe(2);
    expect(statusesOf(hits)).toEqual(['401 ek_test_1', '200 ek_test_2']);
    for (const hit of hits) expect(hit.body).toContain(text);
  });

  it('renews once for 20 requests refused together, and all 20 succeed', async () => {
    const { backend, controller, hits, url, refuse, holdRefusals, releaseRefusals } = await setup();
    refuse('ek_test_1');
    holdRefusals();
    const chatKitFetch = createChatKitFetch(controller, { url });
    const sent = Array.from({ length: 20 }, (_, index) =>
      chatKitFetch(url, { method: 'POST', body: `message ${index}` }),
    );
    await releaseRefusals(20);
    const responses = await Promise.all(sent);
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(bodies.map(({ body }) => body)).toEqual(Array.from({ length: 20 }, (_, index) => `message ${index}`));
    expect(backend.requests).toBe(2);
    expect(statusesOf(hits).sort()).toEqual([...Array(20).fill('200 ek_test_2'), ...Array(20).fill('401 ek_test_1')]);
  });

  it('replays a request refused after the renewal landed with the renewed secret, without another renewal', async () => {
    const { backend, controller, hits, url, refuse, holdRefusals, releaseRefusals } = await setup();
    refuse('ek_test_1');
    holdRefusals();
    const chatKitFetch = createChatKitFetch(controller, { url });
    const sent = [chatKitFetch(url, { method: 'POST', body: 'a' }), chatKitFetch(url, { method: 'POST', body: 'b' })];
    // One 401 arrives, renews and replays; the other arrives only then.
    await releaseRefusals(2, 1);
    expect((await Promise.race(sent)).status).toBe(200);
    expect(backend.requests).toBe(2);
    await releaseRefusals(1);
    expect((await Promise.all(sent)).map((response) => response.status)).toEqual([200, 200]);
    expect(backend.requests).toBe(2);
    expect(statusesOf(hits)).toEqual(['401 ek_test_1', '401 ek_test_1', '200 ek_test_2', '200 ek_test_2']);
  });

  it('returns the 401 without a replay when the body is a stream', async () => {
    const { backend, controller, hits, url, refuse } = await setup();
    refuse('ek_test_1');
    const chatKitFetch = createChatKitFetch(controller, { url });
    const response = await chatKitFetch(url, streamedBody('streamed-body'));
    expect(response.status).toBe(401);
    expect(statusesOf(hits)).toEqual(['401 ek_test_1']);
    expect(hits[0]?.body).toBe('streamed-body');
    // A `Request`'s body is a stream too.
    const fromRequest = await chatKitFetch(new Request(url, { method: 'POST', body: 'request-body' }));
    expect(fromRequest.status).toBe(401);
    expect(statusesOf(hits)).toEqual(['401 ek_test_1', '401 ek_test_1']);
    expect(backend.requests).toBe(1);
  });

  it('returns the second 401 when the renewed secret is refused too, without a loop', async () => {
    const { backend, controller, hits, url, refuseEverything } = await setup();
    refuseEverything();
    const response = await createChatKitFetch(controller, { url })(url, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'invalid_token' });
    expect(backend.requests).toBe(2);
    expect(statusesOf(hits)).toEqual(['401 ek_test_1', '401 ek_test_2']);
  });

  it('says in the state and an event that the server refuses fresh secrets, until one is accepted again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    cleanups.push(() => vi.useRealTimers());
    const events: { type: string; kind: string | undefined; status: number | null }[] = [];
    const {
      controller: reporting,
      url,
      refuseEverything,
      refuseOnly,
    } = await setup({
      telemetry: reportEvents((event) =>
        events.push({ type: event.type, kind: event.error?.kind, status: event.status }),
      ),
    });
    const chatKitFetch = createChatKitFetch(reporting, { url });
    expect((await chatKitFetch(url, { method: 'POST', body: 'a' })).status).toBe(200);
    refuseEverything();
    expect((await chatKitFetch(url, { method: 'POST', body: 'b' })).status).toBe(401);
    const refused = reporting.getState();
    expect({ status: refused.status, kind: refused.error?.kind, httpStatus: refused.error?.status }).toEqual({
      status: 'error',
      kind: 'refused',
      httpStatus: 401,
    });
    expect(refused.clientSecret).not.toBeNull();
    expect(events.filter((event) => event.type === 'failure')).toEqual([
      { type: 'failure', kind: 'refused', status: 401 },
    ]);
    // The keys match again: the next request a minute later is accepted, and the state says so.
    refuseOnly();
    vi.setSystemTime(Date.now() + 61_000);
    expect((await chatKitFetch(url, { method: 'POST', body: 'c' })).status).toBe(200);
    expect({ status: reporting.getState().status, error: reporting.getState().error }).toEqual({
      status: 'active',
      error: null,
    });
  });

  it('renews no more for a minute when a server refuses every fresh secret, so a misconfiguration cannot spend the user’s budget', async () => {
    // The wall clock alone is faked: the app's server answers over real HTTP.
    vi.useFakeTimers({ toFake: ['Date'] });
    cleanups.push(() => vi.useRealTimers());
    const { backend, controller, hits, url, refuseEverything, refuseOnly } = await setup();
    refuseEverything();
    const chatKitFetch = createChatKitFetch(controller, { url });
    for (let request = 0; request < 5; request += 1) {
      expect((await chatKitFetch(url, { method: 'POST', body: 'hello' })).status).toBe(401);
    }
    // One renewal, for the first 401: the renewed secret was refused at once, so the server refuses secrets that
    // renewing cannot fix (a wrong signing key, say), and each later request gets its 401 without a mint.
    expect(backend.requests).toBe(2);
    expect(statusesOf(hits)).toEqual(['401 ek_test_1', ...Array(5).fill('401 ek_test_2')]);
    // The key rotation finishes: new secrets are good, the old ones stay refused. Within the minute, still no renewal;
    // after it, one renewal, and the chat works again.
    refuseOnly('ek_test_1', 'ek_test_2');
    expect((await chatKitFetch(url, { method: 'POST', body: 'hello' })).status).toBe(401);
    expect(backend.requests).toBe(2);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await chatKitFetch(url, { method: 'POST', body: 'hello' })).status).toBe(200);
    expect(backend.requests).toBe(3);
    expect(statusesOf(hits).slice(-2)).toEqual(['401 ek_test_2', '200 ek_test_3']);
  });

  it('sends the secret only to the origin of its url option, asking the controller for nothing elsewhere', async () => {
    const { backend, controller, hits, url } = await setup();
    const elsewhere: (string | undefined)[] = [];
    const uploads = await listen((request, response) => {
      elsewhere.push(request.headers.authorization);
      response.writeHead(204).end();
    });
    cleanups.push(() => uploads.close());
    const chatKitFetch = createChatKitFetch(controller, { url });
    expect((await chatKitFetch(`${uploads.url}/presigned?sig=1`, { method: 'PUT', body: 'bytes' })).status).toBe(204);
    expect(elsewhere).toEqual([undefined]);
    expect((await chatKitFetch(new URL('/chatkit/threads', url))).status).toBe(200);
    expect(statusesOf(hits)).toEqual(['200 ek_test_1']);
    // A controller that cannot give a secret does not stand in the way of a request that needs none.
    controller.dispose();
    expect((await chatKitFetch(`${uploads.url}/presigned?sig=2`, { method: 'PUT', body: 'bytes' })).status).toBe(204);
    expect(backend.requests).toBe(1);
  });

  it('rejects with the controller’s ChatSessionError, naming no secret, when no secret can be had', async () => {
    const { backend, controller, hits, url, refuse } = await setup();
    refuse('ek_test_1');
    backend.script({ kind: 'status', status: 403 });
    const chatKitFetch = createChatKitFetch(controller, { url });
    const renewal = await chatKitFetch(url, { method: 'POST', body: 'hello' }).catch((error: unknown) => error);
    expect(renewal).toBeInstanceOf(ChatSessionError);
    expect(renewal).toMatchObject({ kind: 'unauthorized', status: 403 });
    expect(statusesOf(hits)).toEqual(['401 ek_test_1']);
    // Stopped until refresh(), and the refused secret is gone: the next request is not sent with it at all.
    const stopped = await chatKitFetch(url).catch((error: unknown) => error);
    expect(stopped).toMatchObject({ kind: 'unauthorized', status: 403 });
    expect(statusesOf(hits)).toEqual(['401 ek_test_1']);
    expect(backend.requests).toBe(2);
    // A network failure of the app's server carries no secret either.
    await controller.refresh();
    const network = await chatKitFetch(`${await refusedURL()}/chatkit`).catch((error: unknown) => error);
    expect(network).toBeInstanceOf(TypeError);
    for (const error of [renewal, stopped, network]) {
      expect(describeError(error)).not.toMatch(/ek_/);
    }
  });

  it('sends through the fetch option, or the global fetch of the moment it is called', async () => {
    const { controller, url } = await setup();
    const sent: string[] = [];
    const through =
      (name: string, underlying: typeof fetch): typeof fetch =>
      (input, init) => {
        sent.push(name);
        return underlying(input, init);
      };
    const realFetch = globalThis.fetch;
    const viaGlobal = createChatKitFetch(controller, { url });
    const viaOption = createChatKitFetch(controller, { url, fetch: through('option', realFetch) });
    vi.stubGlobal('fetch', through('global', realFetch));
    expect((await viaGlobal(url)).status).toBe(200);
    expect((await viaOption(url)).status).toBe(200);
    expect(sent).toEqual(['global', 'option']);
  });
  it('rejects with the signal’s reason at once and sends nothing when the caller aborts while it waits for a secret', async () => {
    const { backend, controller, hits, url } = await setup();
    const chatKitFetch = createChatKitFetch(controller, { url });
    // Waiting for a first secret that never comes.
    controller.reset();
    backend.script({ kind: 'hang' });
    const first = new AbortController();
    const waiting = chatKitFetch(url, { method: 'POST', body: 'a', signal: first.signal }).catch((error) => error);
    await vi.waitFor(() => expect(backend.requests).toBe(2), { timeout: 2000 });
    first.abort(new Error('closed by ChatKit'));
    expect(await waiting).toMatchObject({ message: 'closed by ChatKit' });
    expect(statusesOf(hits)).toEqual([]);
  });

  it('rejects with the signal’s reason at once when the caller aborts while the refused secret is renewed', async () => {
    const { backend, controller, hits, url, refuse } = await setup();
    const chatKitFetch = createChatKitFetch(controller, { url });
    refuse('ek_test_1');
    backend.script({ kind: 'hang' });
    const aborter = new AbortController();
    // The signal of a Request this time.
    const renewing = chatKitFetch(new Request(url, { signal: aborter.signal })).catch((error) => error);
    await vi.waitFor(() => expect(backend.requests).toBe(2), { timeout: 2000 });
    aborter.abort();
    expect(await renewing).toMatchObject({ name: 'AbortError' });
    expect(statusesOf(hits)).toEqual(['401 ek_test_1']);
  });

  it('leaves no listener on a signal the caller passes to every request', async () => {
    const { controller, url } = await setup();
    // The network underneath leaves the signal out: what is counted is what createChatKitFetch itself adds.
    const chatKitFetch = createChatKitFetch(controller, {
      url,
      fetch: (input, init) => fetch(input, { ...init, signal: null }),
    });
    // One controller for a page's whole chat, as an app may pass to each request.
    const page = new AbortController();
    for (let request = 0; request < 20; request += 1) {
      const response = await chatKitFetch(url, { method: 'POST', body: 'a', signal: page.signal });
      expect(response.status).toBe(200);
    }
    expect(getEventListeners(page.signal, 'abort')).toHaveLength(0);
  });

  it('reads the target of a Request made in another realm, sending no secret to a foreign server', async () => {
    const { controller, hits, url } = await setup();
    const elsewhere: (string | undefined)[] = [];
    const foreign = await listen((request, response) => {
      elsewhere.push(request.headers.authorization);
      response.writeHead(204).end();
    });
    cleanups.push(() => foreign.close());
    const sent: string[] = [];
    // A same-origin iframe's window.Request, as happy-dom's stands in for one: not an instance of this realm's Request.
    const frame = new Window();
    const chatKitFetch = createChatKitFetch(controller, {
      url,
      fetch: async (input, init) => {
        sent.push(new Headers(init?.headers).get('authorization') ?? 'none');
        return fetch(typeof input === 'object' && 'url' in input ? input.url : input, init);
      },
    });
    const response = await chatKitFetch(new frame.Request(`${foreign.url}/x`) as unknown as Request);
    expect({ status: response.status, elsewhere, sent, hits: statusesOf(hits) }).toEqual({
      status: 204,
      elsewhere: [undefined],
      sent: ['none'],
      hits: [],
    });
  });

  it('throws a TypeError naming `url` when it is not given, instead of sending the secret anywhere', () => {
    const controller = { getClientSecret: async () => 'ek_never' };
    const calls = [
      () => createChatKitFetch(controller, undefined as never),
      () => createChatKitFetch(controller, {} as never),
      () => createChatKitFetch(controller, { url: 42 } as never),
    ];
    for (const call of calls) expect(call).toThrow(/createChatKitFetch: `url`/);
  });

  it('asks a controller that can bind for its bound getClientSecret once per request, for the first send and the replay', async () => {
    const { controller, hits, url, refuse } = await setup();
    let era = 1;
    const binding = {
      getClientSecret: () => Promise.reject(new Error('unbound call')),
      bind() {
        const bound = era;
        return {
          getClientSecret: (current?: string | null) =>
            bound === era ? controller.getClientSecret(current) : Promise.reject(new Error(`era ${bound} is over`)),
        };
      },
    };
    const chatKitFetch = createChatKitFetch(binding, { url });
    expect((await chatKitFetch(url)).status).toBe(200);
    refuse('ek_test_1');
    const replayed = await chatKitFetch(url, { method: 'POST', body: 'x' });
    expect(replayed.status).toBe(200);
    // A 401 that arrives once the era is over replays nothing.
    refuse('ek_test_2');
    const sending = chatKitFetch(url, { method: 'POST', body: 'y' }).catch((error: Error) => error.message);
    era = 2;
    expect(await sending).toBe('era 1 is over');
    expect(statusesOf(hits)).toEqual(['200 ek_test_1', '401 ek_test_1', '200 ek_test_2', '401 ek_test_2']);
  });
});

/** Everything an error says, its causes included. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    parts.push(String(current), current.message, current.stack ?? '');
  }
  return parts.join('\n');
}
