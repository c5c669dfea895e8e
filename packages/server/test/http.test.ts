import type { IncomingMessage, ServerResponse } from 'node:http';
import { getErrorKindOfStatus, parseChatSession } from '@chatkit-session/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChatSessionHandlerOptions, createChatSessionHandler } from '../src/index.js';
import { createMockChatKitApi } from '../src/mock.js';
import { toNodeListener } from '../src/node.js';
import { type LocalServer, listen, refusedURL } from './listen.js';

const API_KEY = 'sk-proj-httpTESTKEYq8Lw3';
const APP_ORIGIN = 'http://app.test';

const mock = createMockChatKitApi({ apiKey: API_KEY, workflows: ['wf_live'] });
// Answers OpenAI gives that the mock does not play, such as those seen since the Agent Builder shutdown; one a request.
const scripted: Response[] = [];
const seen: string[] = [];
const servers: LocalServer[] = [];
let app: LocalServer;
let upstream: LocalServer;

async function serve(options: Partial<ChatSessionHandlerOptions> = {}): Promise<LocalServer> {
  const handler = createChatSessionHandler({
    apiKey: API_KEY,
    // Who asks comes from the app's own auth; here a test header stands in for the session cookie.
    resolveUser: (request) => request.headers.get('x-test-user'),
    workflow: (_request, user) => ({ id: user === 'user_other_project' ? 'wf_missing' : 'wf_live' }),
    baseURL: `${upstream.url}/v1`,
    allowedOrigins: [APP_ORIGIN],
    maxBodyBytes: 1024,
    upstreamTimeoutMs: 200,
    onError: (event) => seen.push(`${event.status} ${event.code}: ${event.message} ${String(event.error)}`),
    ...options,
  });
  const server = await listen(toNodeListener(handler));
  servers.push(server);
  return server;
}

/** An error answer in OpenAI's shape, as OpenAI sends it. */
function openAIError(status: number, error: { message: string; code: string | null }): Response {
  const body = { error: { ...error, type: 'invalid_request_error', param: null } };
  return Response.json(body, { status, headers: { 'x-request-id': 'req_scripted', date: new Date().toUTCString() } });
}

async function ask(init: RequestInit & { user?: string } = {}, base = app) {
  const { user = 'user_42', ...rest } = init;
  const response = await fetch(`${base.url}/api/chatkit/session`, {
    method: 'POST',
    ...rest,
    headers: { 'x-test-user': user, ...rest.headers },
  });
  const text = await response.text();
  seen.push(text);
  return { response, text, json: () => JSON.parse(text) as { error: { code: string; message: string } } };
}

beforeAll(async () => {
  upstream = await listen(toNodeListener((request) => scripted.shift() ?? mock.fetch(request)));
  app = await serve();
});

beforeEach(() => {
  scripted.length = 0;
  mock.reset();
  mock.configure({ apiKey: API_KEY });
});

afterAll(async () => {
  await Promise.all([...servers, upstream].map((server) => server.close()));
});

describe('the session endpoint over real HTTP', () => {
  it('answers a session with no-store and a Date, minted by the mock API behind it', async () => {
    const { response, text } = await ask({ body: JSON.stringify({ reason: 'initial' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Math.abs(Date.parse(response.headers.get('date') ?? '') - Date.now())).toBeLessThan(5_000);
    const session = parseChatSession(JSON.parse(text));
    expect(session).toMatchObject({ user: 'user_42', workflow: { id: 'wf_live' }, status: 'active' });
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(mock.calls).toEqual([
      expect.objectContaining({ method: 'POST', path: '/v1/chatkit/sessions', status: 200 }),
    ]);
  });

  it('answers 404 with what to check when the workflow is not in the key’s project', async () => {
    const { response, json } = await ask({ user: 'user_other_project' });
    expect(response.status).toBe(404);
    expect(json().error.code).toBe('workflow_not_found');
    expect(json().error.message).toContain("Workflow with id 'wf_missing' not found.");
    expect(json().error.message).toContain('same OpenAI project');
  });

  it('answers 401 saying to check the server key when OpenAI rejects it', async () => {
    mock.configure({ apiKey: 'sk-proj-anotherKEY0000' });
    const { response, json } = await ask();
    expect(response.status).toBe(401);
    expect(json().error.message).toContain('Check the key the server is configured with');
  });

  it('answers 429 and keeps Retry-After when OpenAI rate-limits', async () => {
    mock.fail({ kind: 'rate_limit', retryAfterSeconds: 17 });
    const { response } = await ask();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('17');
  });

  it.each([500, 502, 503] as const)('answers 502 when OpenAI answers %i', async (status) => {
    mock.fail({ kind: 'status', status });
    const { response, json } = await ask();
    expect(response.status).toBe(502);
    expect(json().error.code).toBe('upstream_error');
  });

  it('answers 502 when OpenAI cannot be reached at all', async () => {
    const unreachable = await serve({ baseURL: `${await refusedURL()}/v1` });
    const { response, json } = await ask({}, unreachable);
    expect(response.status).toBe(502);
    expect(json().error.code).toBe('upstream_unreachable');
  });

  it('answers 504 when OpenAI hangs past upstreamTimeoutMs', async () => {
    mock.fail({ kind: 'hang' });
    const { response, json } = await ask();
    expect(response.status).toBe(504);
    expect(json().error.message).toContain('within 200 ms');
  });

  it('answers 405 with Allow: POST to a GET', async () => {
    const response = await fetch(`${app.url}/api/chatkit/session`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 403 to a foreign Origin and 200 to the app’s own', async () => {
    const foreign = await ask({ headers: { Origin: 'http://evil.test' } });
    const own = await ask({ headers: { Origin: APP_ORIGIN } });
    expect([foreign.response.status, own.response.status]).toEqual([403, 200]);
    expect(mock.calls).toHaveLength(1);
  });

  it('answers 413 to a body over maxBodyBytes without calling OpenAI', async () => {
    const { response, json } = await ask({ body: JSON.stringify({ reason: 'x'.repeat(5_000) }) });
    expect(response.status).toBe(413);
    expect(json().error.code).toBe('body_too_large');
    expect(mock.calls).toHaveLength(0);
  });

  it('answers 401 when nobody is signed in', async () => {
    const { response, json } = await ask({ user: '' });
    expect(response.status).toBe(401);
    expect(json().error.code).toBe('unauthenticated');
    expect(mock.calls).toHaveLength(0);
  });

  it.each([
    [409, { message: 'A session for this workflow is being created.', code: 'conflict' }, 'conflict'],
    [410, { message: 'This endpoint is no longer available.', code: null }, 'upstream_410'],
    [422, { message: "Invalid 'chatkit_configuration'.", code: 'invalid_value' }, 'invalid_value'],
  ])(
    'passes OpenAI’s %i on as the same 4xx, which the browser does not retry, saying what to check',
    async (status, error, code) => {
      scripted.push(openAIError(status, error));
      const { response, json } = await ask();
      expect(response.status).toBe(status);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(json().error.code).toBe(code);
      expect(json().error.message).toContain(error.message);
      expect(json().error.message).toContain('Retrying will not help: check');
      expect(getErrorKindOfStatus(response.status)).toBe('bad_request');
    },
  );

  it.each([
    [404, "Workflow with id 'wf_live' not found.", 'workflow_not_found'],
    [410, "Workflow with id 'wf_live' is no longer available.", 'workflow_gone'],
  ])(
    'answers %i for a workflow with the Agent Builder shutdown and the way to custom-backend mode',
    async (status, message, code) => {
      scripted.push(openAIError(status, { message, code: null }));
      const { response, json } = await ask();
      expect(response.status).toBe(status);
      expect(json().error.code).toBe(code);
      expect(json().error.message).toContain(message);
      expect(json().error.message).toContain('Agent Builder workflows were shut down on 2026-11-30');
      expect(json().error.message).toContain('createChatKitTokenHandler');
      expect(json().error.message).toContain('useChatKitCustomApi({ url, domainKey })');
    },
  );

  it('never sends the API key back in any answer or report', () => {
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((text) => text.includes(API_KEY) || text.includes(API_KEY.slice(-5)))).toEqual([]);
  });
});

describe('toNodeListener', () => {
  it('works as Express-style middleware after a body parser already read the body', async () => {
    const handler = createChatSessionHandler({
      apiKey: API_KEY,
      workflow: { id: 'wf_live' },
      resolveUser: () => 'user_express',
      baseURL: `${upstream.url}/v1`,
    });
    const listener = toNodeListener(handler);
    const jsonParser = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        Object.assign(req, { body: JSON.parse(Buffer.concat(chunks).toString() || '{}') });
        listener(req, res, () => undefined);
      });
    };
    const server = await listen(jsonParser);
    servers.push(server);
    const ok = await fetch(`${server.url}/api`, { method: 'POST', body: '{"reason":"manual"}' });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${server.url}/api`, { method: 'POST', body: '{"user":"admin"}' });
    expect(bad.status).toBe(400);
  });

  it('answers 500 when the handler throws, or passes the error to next', async () => {
    const crash = new Error('handler bug');
    const thrower = toNodeListener(() => {
      throw crash;
    });
    const plain = await listen(thrower);
    const passed: unknown[] = [];
    const express = await listen((req, res) =>
      thrower(req, res, (error) => {
        passed.push(error);
        res.statusCode = 418;
        res.end();
      }),
    );
    servers.push(plain, express);
    expect((await fetch(plain.url, { method: 'POST' })).status).toBe(500);
    expect((await fetch(express.url, { method: 'POST' })).status).toBe(418);
    expect(passed).toEqual([crash]);
  });
});
