import { CHATKIT_SESSION_DEFAULTS, ChatSessionValidationError } from '@chatkit-session/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatKitApiError, createChatKitSession } from '../index.js';
import { createMockChatKitApi } from '../mock.js';

const API_KEY = 'sk-proj-unitTESTKEY9f3a';
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const body = { workflow: { id: 'wf_123' }, user: 'user_42' };

function setUp(options: Parameters<typeof createMockChatKitApi>[0] = {}) {
  const mock = createMockChatKitApi({ now: () => NOW, ...options });
  const sent: Request[] = [];
  const fetch = (url: string, init: RequestInit) => {
    sent.push(new Request(url, init));
    return mock.fetch(url, init);
  };
  return { mock, sent, options: { apiKey: API_KEY, fetch } };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createChatKitSession', () => {
  it('returns the validated session with the API defaults when OpenAI accepts the body', async () => {
    const { options } = setUp();
    const session = await createChatKitSession(body, options);
    expect(session).toMatchObject({
      object: 'chatkit.session',
      user: 'user_42',
      status: 'active',
      workflow: { id: 'wf_123', version: null, state_variables: null, tracing: { enabled: true } },
      max_requests_per_1_minute: CHATKIT_SESSION_DEFAULTS.maxRequestsPer1Minute,
    });
    expect(session.expires_at).toBe(NOW / 1000 + 600);
    expect(session.id).toMatch(/^cksess_/);
    expect(session.client_secret).toMatch(/^ek_/);
  });

  it('sends the Bearer key, JSON content type and ChatKit beta header to {baseURL}/chatkit/sessions', async () => {
    const { sent, options } = setUp({ baseURL: 'https://gateway.example.com/openai/v1' });
    await createChatKitSession(
      { ...body, expires_after: { seconds: 120 } },
      { ...options, baseURL: 'https://gateway.example.com/openai/v1/' },
    );
    const [request] = sent;
    expect(request?.url).toBe('https://gateway.example.com/openai/v1/chatkit/sessions');
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.headers.get('openai-beta')).toBe('chatkit_beta=v1');
    expect(await request?.json()).toEqual({ ...body, expires_after: { anchor: 'created_at', seconds: 120 } });
  });

  it('throws a ChatSessionValidationError and sends nothing when the body breaks the API rules', async () => {
    const { mock, options } = setUp();
    const error = await rejectionOf(
      createChatKitSession(
        { ...body, expires_after: { seconds: 900 }, workflow: { id: 'wf_1', version: 'latest' } },
        options,
      ),
    );
    expect(error).toBeInstanceOf(ChatSessionValidationError);
    expect((error as ChatSessionValidationError).issues.map((issue) => issue.path)).toEqual([
      'workflow.version',
      'expires_after.seconds',
    ]);
    expect(mock.calls).toHaveLength(0);
  });

  it.each([
    ['missing', undefined],
    ['empty', '  '],
  ])('throws a TypeError naming options.apiKey and sends nothing when the key is %s', async (_, apiKey) => {
    const { mock, options } = setUp();
    const error = await rejectionOf(createChatKitSession(body, { ...options, apiKey: apiKey as string }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('options.apiKey');
    expect(mock.calls).toHaveLength(0);
  });

  it('refuses a key with a line break inside without quoting it', async () => {
    const { mock, options } = setUp();
    const error = await rejectionOf(createChatKitSession(body, { ...options, apiKey: 'sk-abc\nSECRETPART' }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).not.toContain('SECRETPART');
    expect(mock.calls).toHaveLength(0);
  });

  it('trims whitespace around the key, as a .env file often leaves it', async () => {
    const { sent, options } = setUp({ apiKey: API_KEY });
    await createChatKitSession(body, { ...options, apiKey: `  ${API_KEY}\n` });
    expect(sent[0]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('throws a ChatKitApiError that says what to check when the workflow is not found', async () => {
    const { mock, options } = setUp({ workflows: ['wf_other'] });
    const error = await rejectionOf(createChatKitSession(body, options));
    expect(error).toBeInstanceOf(ChatKitApiError);
    const apiError = error as ChatKitApiError;
    expect(apiError).toMatchObject({ name: 'ChatKitApiError', status: 404, type: 'invalid_request_error' });
    expect(apiError.message).toContain("Workflow with id 'wf_123' not found.");
    expect(apiError.message).toContain('workflow id');
    expect(apiError.message).toContain('same OpenAI project');
    expect(apiError.requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect(mock.calls.map((call) => call.status)).toEqual([404]);
  });

  it('throws a 401 ChatKitApiError whose message holds no piece of the key when OpenAI rejects it', async () => {
    const { options } = setUp({ apiKey: 'sk-proj-theRightKey0000' });
    const error = (await rejectionOf(createChatKitSession(body, options))) as ChatKitApiError;
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).toContain('Check the OpenAI API key');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain(API_KEY.slice(-4));
    expect(error.message).not.toContain('sk-');
  });

  it('keeps Retry-After and the request id when OpenAI rate-limits the call', async () => {
    const { options } = setUp({ failures: [{ kind: 'rate_limit', retryAfterSeconds: 7 }] });
    const error = (await rejectionOf(createChatKitSession(body, options))) as ChatKitApiError;
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', retryAfter: '7' });
    expect(error.requestId).toMatch(/^req_/);
  });

  it('throws a ChatKitApiError with the status when OpenAI fails with a 5xx', async () => {
    const { options } = setUp({ failures: [{ kind: 'status', status: 503 }] });
    const error = (await rejectionOf(createChatKitSession(body, options))) as ChatKitApiError;
    expect(error).toMatchObject({ status: 503, type: 'server_error' });
  });

  it('passes the network error through when OpenAI cannot be reached', async () => {
    const { options } = setUp({ failures: [{ kind: 'network' }] });
    const error = await rejectionOf(createChatKitSession(body, options));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ChatKitApiError);
  });

  it('throws a ChatSessionValidationError when OpenAI answers 200 with something that is not a session', async () => {
    const fetch = async () => Response.json({ id: 'cksess_1', expires_at: Date.now() });
    const error = await rejectionOf(createChatKitSession(body, { apiKey: API_KEY, fetch }));
    expect(error).toBeInstanceOf(ChatSessionValidationError);
    expect((error as Error).message).toContain('expires_at: looks like milliseconds');
  });

  it('throws an invalid_response ChatKitApiError when OpenAI answers 200 with a body that is not JSON', async () => {
    const fetch = async () => new Response('<html>proxy login</html>', { headers: { 'x-request-id': 'req_html' } });
    const error = (await rejectionOf(createChatKitSession(body, { apiKey: API_KEY, fetch }))) as ChatKitApiError;
    expect(error).toMatchObject({ status: 200, type: 'invalid_response', requestId: 'req_html' });
  });

  it('names the status when an error answer is not in OpenAI’s shape', async () => {
    const fetch = async () => new Response('upstream connect error', { status: 502, statusText: 'Bad Gateway' });
    const error = (await rejectionOf(createChatKitSession(body, { apiKey: API_KEY, fetch }))) as ChatKitApiError;
    expect(error).toMatchObject({ status: 502, type: null, code: null, requestId: null });
    expect(error.message).toBe("OpenAI's ChatKit API answered 502 Bad Gateway.");
  });

  it('stops waiting and rejects with the abort reason when the signal aborts', async () => {
    vi.useFakeTimers();
    const { mock, options } = setUp({ latencyMs: 5_000 });
    const controller = new AbortController();
    const pending = rejectionOf(createChatKitSession(body, { ...options, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new DOMException('left the page', 'AbortError'));
    const error = await pending;
    expect((error as Error).name).toBe('AbortError');
    expect(mock.sessions.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
