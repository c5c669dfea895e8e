import { parseChatSession } from '@chatkit-session/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ChatSessionHandlerErrorEvent,
  type ChatSessionHandlerOptions,
  createChatSessionHandler,
} from '../index.js';
import { createMockChatKitApi, type MockChatKitFailure } from '../mock.js';

const API_KEY = 'sk-proj-handlerTESTKEY42';
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const ENDPOINT = 'https://app.example.com/api/chatkit/session';

function setUp(options: Partial<ChatSessionHandlerOptions> = {}) {
  const mock = createMockChatKitApi({ apiKey: API_KEY, now: () => NOW });
  const events: ChatSessionHandlerErrorEvent[] = [];
  const handler = createChatSessionHandler({
    apiKey: API_KEY,
    workflow: { id: 'wf_app' },
    resolveUser: () => 'user_42',
    fetch: mock.fetch,
    now: () => NOW,
    onError: (event) => events.push(event),
    ...options,
  });
  return { mock, events, handler };
}

const post = (body?: BodyInit, headers: Record<string, string> = {}) =>
  new Request(ENDPOINT, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/json');
  return ((await response.json()) as { error: { message: string; type: string; code: string; param: unknown } }).error;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createChatSessionHandler', () => {
  it('answers 200 with the session, no-store, a Date and the upstream x-request-id', async () => {
    const { mock, handler } = setUp({ expiresAfterSeconds: 120, rateLimits: { max_requests_per_1_minute: 30 } });
    const response = await handler(post(JSON.stringify({ reason: 'initial' }), { 'Content-Type': 'application/json' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('date')).toBe(new Date(NOW).toUTCString());
    const session = parseChatSession(await response.json());
    expect(session).toMatchObject({ user: 'user_42', workflow: { id: 'wf_app' }, max_requests_per_1_minute: 30 });
    expect(session.expires_at).toBe(NOW / 1000 + 120);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(mock.calls).toHaveLength(1);
  });

  it("forwards OpenAI's Date, the clock expires_at is on, when that clock is skewed", async () => {
    const { mock, handler } = setUp();
    mock.configure({ clockOffsetMs: -3_600_000 });
    const response = await handler(post());
    expect(response.headers.get('date')).toBe(new Date(NOW - 3_600_000).toUTCString());
    const session = parseChatSession(await response.json());
    expect(session.expires_at * 1000 - Date.parse(response.headers.get('date') ?? '')).toBe(600_000);
  });

  it('accepts an empty body and a body of whitespace', async () => {
    const { handler } = setUp();
    expect((await handler(post())).status).toBe(200);
    expect((await handler(post(' \n'))).status).toBe(200);
  });

  it('asks the workflow function with the request and the signed-in user', async () => {
    const workflow = vi.fn((_request: Request, user: string) => ({ id: user === 'user_pro' ? 'wf_pro' : 'wf_free' }));
    const { handler } = setUp({ workflow, resolveUser: () => 'user_pro' });
    const session = parseChatSession(await (await handler(post())).json());
    expect(session.workflow.id).toBe('wf_pro');
    expect(workflow).toHaveBeenCalledWith(expect.any(Request), 'user_pro');
  });

  it.each(['user', 'workflow'])('answers 400 and calls nobody when the browser tries to choose %s', async (field) => {
    const { mock, handler } = setUp();
    const response = await handler(post(JSON.stringify({ [field]: 'admin' })));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'unknown_field', param: field, type: 'invalid_request_error' });
    expect(error.message).toContain(`the server decides "${field}"`);
    expect(mock.calls).toHaveLength(0);
  });

  it('answers 405 with Allow: POST to any other method', async () => {
    const { mock, handler } = setUp();
    const response = await handler(new Request(ENDPOINT));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await errorOf(response)).code).toBe('method_not_allowed');
    expect(mock.calls).toHaveLength(0);
  });

  it('answers 403 to an Origin outside allowedOrigins, and serves listed origins and same-origin calls', async () => {
    const { mock, handler } = setUp({ allowedOrigins: ['https://app.example.com/'] });
    const foreign = await handler(post(undefined, { Origin: 'https://evil.example.net' }));
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe('origin_not_allowed');
    expect((await handler(post(undefined, { Origin: 'https://app.example.com' }))).status).toBe(200);
    expect((await handler(post())).status).toBe(200);
    expect(mock.calls).toHaveLength(2);
  });

  it("checks Origin against the URL's host when the request has no Host header (a bare Request)", async () => {
    const resolveUser = vi.fn(() => 'user_42');
    const { mock, handler } = setUp({ resolveUser });
    const sibling = await handler(post(undefined, { Origin: 'https://blog.example.com' }));
    expect([sibling.status, (await errorOf(sibling)).code]).toEqual([403, 'origin_not_allowed']);
    expect(resolveUser).not.toHaveBeenCalled();
    expect((await handler(post(undefined, { Origin: 'https://app.example.com' }))).status).toBe(200);
    expect(mock.calls).toHaveLength(1);
  });

  it('answers 413 without reading on when the body outgrows maxBodyBytes', async () => {
    const { mock, handler } = setUp({ maxBodyBytes: 64 });
    const response = await handler(post(JSON.stringify({ reason: 'x'.repeat(100) })));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).message).toContain('larger than 64 bytes');
    expect(mock.calls).toHaveLength(0);
  });

  it.each([null, undefined, ''])('answers 401 and calls nobody when resolveUser returns %j', async (user) => {
    const { mock, handler } = setUp({ resolveUser: async () => user });
    const response = await handler(post());
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('unauthenticated');
    expect(mock.calls).toHaveLength(0);
  });

  it('answers 500 and reports the error when resolveUser throws', async () => {
    const failure = new Error('session store down');
    const { events, handler } = setUp({
      resolveUser: () => {
        throw failure;
      },
    });
    const response = await handler(post());
    expect(response.status).toBe(500);
    expect(events).toEqual([
      expect.objectContaining({ code: 'resolve_user_failed', source: 'server', error: failure }),
    ]);
  });

  it('answers 500 naming the missing key and calls nobody when apiKey is undefined', async () => {
    const { mock, events, handler } = setUp({ apiKey: undefined });
    const response = await handler(post(JSON.stringify({ reason: 'scheduled' })));
    expect(response.status).toBe(500);
    expect((await errorOf(response)).message).toContain('needs an OpenAI API key');
    expect(events[0]).toMatchObject({ code: 'missing_api_key', reason: 'scheduled' });
    expect(mock.calls).toHaveLength(0);
  });

  it.each<[string, MockChatKitFailure, number, string]>([
    ['a 500', { kind: 'status', status: 500 }, 502, 'upstream_error'],
    ['a 503', { kind: 'status', status: 503 }, 502, 'upstream_error'],
    ['a network failure', { kind: 'network' }, 502, 'upstream_unreachable'],
    ['a 429', { kind: 'rate_limit', retryAfterSeconds: 9 }, 429, 'rate_limited'],
    ['a 404 workflow', { kind: 'workflow_not_found' }, 404, 'workflow_not_found'],
    ['a 401 key', { kind: 'unauthorized' }, 401, 'invalid_api_key'],
  ])('maps %s from OpenAI to %i %s', async (_, failure, status, code) => {
    const { mock, events, handler } = setUp();
    mock.fail(failure);
    const response = await handler(post());
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(events).toEqual([expect.objectContaining({ status, code, source: 'upstream' })]);
    expect(JSON.stringify(error)).not.toContain(API_KEY.slice(-6));
  });

  it('keeps Retry-After and the request id on a 429', async () => {
    const { mock, handler } = setUp();
    mock.fail({ kind: 'rate_limit', retryAfterSeconds: 9 });
    const response = await handler(post());
    expect(response.headers.get('retry-after')).toBe('9');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await errorOf(response)).message).toContain('Retry after 9 seconds');
  });

  it('says what to check, and never the key, when OpenAI rejects the key or the workflow', async () => {
    const { mock, handler } = setUp();
    mock.fail({ kind: 'unauthorized' }, { kind: 'workflow_not_found' });
    const key = await errorOf(await handler(post()));
    expect(key.message).toContain('OPENAI_API_KEY');
    const workflow = await errorOf(await handler(post()));
    expect(workflow.message).toContain("Workflow with id 'wf_app' not found.");
    expect(workflow.message).toContain('same OpenAI project');
  });

  it('keeps a 404 of a wrong baseURL, which the browser does not retry, and says to check baseURL', async () => {
    const { mock, handler } = setUp({ baseURL: 'https://api.openai.com/v2' });
    const response = await handler(post());
    expect(response.status).toBe(404);
    const error = await errorOf(response);
    expect(error.message).toContain('Invalid URL (POST /v2/chatkit/sessions)');
    expect(error.message).toContain("Check the server's baseURL");
    expect(error.message).not.toContain('Agent Builder');
    expect(mock.calls).toEqual([expect.objectContaining({ endpoint: null, status: 404 })]);
  });

  it('answers 502 when OpenAI answers 200 with something that is not a session', async () => {
    const { handler } = setUp({ fetch: async () => Response.json({ hello: 'world' }) });
    const response = await handler(post());
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe('invalid_upstream_response');
  });

  it('answers 504 after upstreamTimeoutMs when OpenAI hangs, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const { mock, handler } = setUp({ upstreamTimeoutMs: 1_500 });
    mock.fail({ kind: 'hang' });
    const pending = handler(post());
    await vi.advanceTimersByTimeAsync(1_500);
    const response = await pending;
    expect(response.status).toBe(504);
    expect((await errorOf(response)).message).toContain('within 1500 ms');
    expect(mock.calls[0]).toMatchObject({ failure: 'hang', status: null });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops calling OpenAI when the browser goes away', async () => {
    const { mock, handler } = setUp();
    mock.fail({ kind: 'hang' });
    const controller = new AbortController();
    const pending = handler(new Request(ENDPOINT, { method: 'POST', signal: controller.signal }));
    await vi.waitFor(() => expect(mock.calls).toHaveLength(1));
    controller.abort();
    expect((await pending).status).toBe(499);
  });

  it('fails at creation when the fixed options break OpenAI’s rules', () => {
    const base = { apiKey: API_KEY, workflow: { id: 'wf_1' }, resolveUser: () => 'u' };
    expect(() => createChatSessionHandler({ ...base, expiresAfterSeconds: 900 })).toThrow(
      /expiresAfterSeconds is expires_after.seconds[\s\S]*expires_after.seconds: must be at most 600/,
    );
    expect(() => createChatSessionHandler({ ...base, workflow: { id: 'wf_1', version: 'latest' } })).toThrow(
      'workflow.version',
    );
    expect(() => createChatSessionHandler({ ...base, allowedOrigins: ['app.example.com'] })).toThrow('not a URL');
    expect(() => createChatSessionHandler({ ...base, allowedOrigins: ['*'] })).toThrow("write allowedOrigins: '*'");
    expect(() => createChatSessionHandler({ ...base, allowedOrigins: ['file:///app'] })).toThrow('has no origin');
    const single = 'https://app.example.com' as never;
    expect(() => createChatSessionHandler({ ...base, allowedOrigins: single })).toThrow('must be a list of origins');
    expect(() => createChatSessionHandler({ ...base, maxBodyBytes: 0 })).toThrow('maxBodyBytes');
  });

  it('still answers when onError throws', async () => {
    const { handler } = setUp({
      onError: () => {
        throw new Error('logger down');
      },
    });
    expect((await handler(post('{'))).status).toBe(400);
  });

  it('logs upstream and server errors to console.error by default, but not the browser’s own mistakes', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { mock, handler } = setUp({ onError: undefined });
    await handler(post('not json'));
    expect(logged).not.toHaveBeenCalled();
    mock.fail({ kind: 'status', status: 503 });
    await handler(post());
    expect(logged).toHaveBeenCalledOnce();
    expect(String(logged.mock.calls[0]?.[0])).toMatch(
      /^\[chatkit-session\] 502 upstream_error: .*\(OpenAI request req_/,
    );
  });
});
