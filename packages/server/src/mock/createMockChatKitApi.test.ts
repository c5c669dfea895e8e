import { parseChatSession } from '@chatkit-session/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockChatKitApi } from '../mock.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const URL_CREATE = 'https://api.openai.com/v1/chatkit/sessions';
const HEADERS = {
  Authorization: 'Bearer sk-mock',
  'OpenAI-Beta': 'chatkit_beta=v1',
  'Content-Type': 'application/json',
};
const BODY = { workflow: { id: 'wf_1' }, user: 'user_1' };

function post(mock: ReturnType<typeof createMockChatKitApi>, body: unknown = BODY, init: RequestInit = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return mock.fetch(URL_CREATE, { method: 'POST', headers: HEADERS, body: text, ...init });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: Record<string, unknown> }).error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createMockChatKitApi', () => {
  it('answers a valid body with a session the core parser accepts, x-request-id and Date', async () => {
    const mock = createMockChatKitApi({ now: () => NOW });
    const response = await post(mock, { ...BODY, expires_after: { seconds: 90 } });
    expect(response.status).toBe(200);
    const session = parseChatSession(await response.json());
    expect(session.expires_at).toBe(NOW / 1000 + 90);
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(response.headers.get('date')).toBe(new Date(NOW).toUTCString());
  });

  it('mints unique cksess_ ids and ek_ secrets', async () => {
    const mock = createMockChatKitApi();
    const sessions = await Promise.all(Array.from({ length: 50 }, async () => (await post(mock)).json()));
    const ids = new Set(sessions.map((session: { id: string }) => session.id));
    const secrets = new Set(sessions.map((session: { client_secret: string }) => session.client_secret));
    expect(ids.size).toBe(50);
    expect(secrets.size).toBe(50);
    expect([...ids].every((id) => id.startsWith('cksess_'))).toBe(true);
    expect([...secrets].every((secret) => secret.startsWith('ek_'))).toBe(true);
  });

  it('answers 401 without a Bearer key, and 401 with a masked echo for a key it does not accept', async () => {
    const mock = createMockChatKitApi({ apiKey: 'sk-proj-expected1234' });
    const missing = await post(mock, BODY, { headers: { ...HEADERS, Authorization: '' } });
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).message).toContain("didn't provide an API key");
    const wrong = await post(mock, BODY, { headers: { ...HEADERS, Authorization: 'Bearer sk-proj-wrongKEY5678' } });
    expect(wrong.status).toBe(401);
    const error = await errorOf(wrong);
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    expect(error.message).toContain('Incorrect API key provided: sk-');
    expect(error.message).not.toContain('sk-proj-wrongKEY5678');
  });

  it('answers 400 invalid_request_error naming the param when the body breaks the API rules', async () => {
    const mock = createMockChatKitApi();
    const tooLong = await post(mock, { ...BODY, expires_after: { seconds: 601 } });
    expect(tooLong.status).toBe(400);
    expect(await errorOf(tooLong)).toEqual({
      message: "Invalid 'expires_after.seconds': must be at most 600.",
      type: 'invalid_request_error',
      param: 'expires_after.seconds',
      code: 'invalid_value',
    });
    const unknown = await errorOf(await post(mock, { ...BODY, refresh: true }));
    expect(unknown).toMatchObject({ param: 'refresh', code: 'unknown_parameter' });
    const missing = await errorOf(await post(mock, { workflow: { id: 'wf_1' } }));
    expect(missing).toMatchObject({ param: 'user', code: 'missing_required_parameter' });
    expect(mock.sessions.size).toBe(0);
  });

  it('answers 400 when the body is not JSON or the beta header is missing', async () => {
    const mock = createMockChatKitApi();
    const notJson = await post(mock, '{"workflow":');
    expect((await errorOf(notJson)).message).toContain('could not parse the JSON body');
    const noBeta = await post(mock, BODY, { headers: { Authorization: 'Bearer sk-mock' } });
    expect(noBeta.status).toBe(400);
    expect((await errorOf(noBeta)).message).toContain('OpenAI-Beta: chatkit_beta=v1');
  });

  it('answers 404 Invalid URL for unknown paths and methods, with an x-request-id', async () => {
    const mock = createMockChatKitApi();
    const refresh = await mock.fetch('https://api.openai.com/v1/chatkit/sessions/refresh', { method: 'POST' });
    const get = await mock.fetch(URL_CREATE);
    expect([refresh.status, get.status]).toEqual([404, 404]);
    expect((await errorOf(refresh)).message).toBe('Invalid URL (POST /v1/chatkit/sessions/refresh)');
    expect((await errorOf(get)).message).toBe('Invalid URL (GET /v1/chatkit/sessions)');
    expect(get.headers.get('x-request-id')).toMatch(/^req_/);
    expect(mock.calls.map((call) => call.endpoint)).toEqual([null, null]);
  });

  it("answers OpenAI's 404 message for a workflow outside the allow-list", async () => {
    const mock = createMockChatKitApi({ workflows: ['wf_known'] });
    const response = await post(mock, { ...BODY, workflow: { id: 'wf_abc' } });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toBe("Workflow with id 'wf_abc' not found.");
    expect((await post(mock, { ...BODY, workflow: { id: 'wf_known' } })).status).toBe(200);
  });

  it('plays scripted failures one per create call, in order, then answers normally', async () => {
    const mock = createMockChatKitApi({
      failures: [
        { kind: 'status', status: 503 },
        { kind: 'rate_limit', retryAfterSeconds: 12 },
      ],
    });
    mock.fail({ kind: 'workflow_not_found' }, { kind: 'unauthorized' }, { kind: 'network' });
    expect(mock.pendingFailures).toHaveLength(5);
    const first = await post(mock);
    const second = await post(mock);
    const third = await post(mock, { ...BODY, workflow: { id: 'wf_from_body' } });
    const fourth = await post(mock);
    await expect(post(mock)).rejects.toThrow(TypeError);
    const sixth = await post(mock);
    expect([first.status, second.status, third.status, fourth.status, sixth.status]).toEqual([503, 429, 404, 401, 200]);
    expect(second.headers.get('retry-after')).toBe('12');
    expect((await errorOf(third)).message).toBe("Workflow with id 'wf_from_body' not found.");
    expect(mock.calls.map((call) => call.failure)).toEqual([
      'status',
      'rate_limit',
      'workflow_not_found',
      'unauthorized',
      'network',
      null,
    ]);
    expect(mock.calls[4]?.status).toBeNull();
    expect(mock.pendingFailures).toHaveLength(0);
  });

  it('does not spend a scripted failure on a cancel call', async () => {
    const mock = createMockChatKitApi();
    const session = (await (await post(mock)).json()) as { id: string };
    mock.fail({ kind: 'status', status: 500 });
    const cancel = await mock.fetch(`${URL_CREATE}/${session.id}/cancel`, { method: 'POST', headers: HEADERS });
    expect(cancel.status).toBe(200);
    expect((await post(mock)).status).toBe(500);
  });

  it('uses lifetimeSeconds over the body, and the clock offset in expires_at and Date', async () => {
    const mock = createMockChatKitApi({ now: () => NOW, lifetimeSeconds: 30, clockOffsetMs: -120_000 });
    const response = await post(mock, { ...BODY, expires_after: { seconds: 600 } });
    const session = parseChatSession(await response.json());
    expect(session.expires_at).toBe((NOW - 120_000) / 1000 + 30);
    expect(response.headers.get('date')).toBe(new Date(NOW - 120_000).toUTCString());
    mock.configure({ clockOffsetMs: 0, lifetimeSeconds: undefined });
    const later = parseChatSession(await (await post(mock, BODY)).json());
    expect(later.expires_at).toBe(NOW / 1000 + 600);
    expect(mock.calls.map((call) => call.time)).toEqual([NOW, NOW]);
  });

  it('answers after latencyMs of the injected timers, and not at all when aborted first', async () => {
    vi.useFakeTimers();
    const mock = createMockChatKitApi({ latencyMs: 2_000 });
    let settled = false;
    const slow = post(mock).then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(settled).toBe(false);
    expect(mock.calls[0]?.status).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect((await slow).status).toBe(200);
    const controller = new AbortController();
    const aborted = post(mock, BODY, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toThrow();
    expect(mock.sessions.size).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hangs on a scripted hang until the request is aborted', async () => {
    const mock = createMockChatKitApi({ failures: [{ kind: 'hang' }] });
    const controller = new AbortController();
    const hanging = post(mock, BODY, { signal: controller.signal });
    const raced = await Promise.race([hanging.then(() => 'answered'), Promise.resolve().then(() => 'pending')]);
    expect(raced).toBe('pending');
    controller.abort();
    await expect(hanging).rejects.toThrow();
    expect(mock.calls[0]).toMatchObject({ failure: 'hang', status: null });
  });

  it('forgets calls, sessions and pending failures on reset', async () => {
    const mock = createMockChatKitApi();
    await post(mock);
    mock.fail({ kind: 'network' });
    mock.reset();
    expect([mock.calls.length, mock.sessions.size, mock.pendingFailures.length]).toEqual([0, 0, 0]);
    expect((await post(mock)).status).toBe(200);
  });

  it('refuses a lifetime that is not a whole positive number of seconds', () => {
    expect(() => createMockChatKitApi({ lifetimeSeconds: 0.5 })).toThrow('lifetimeSeconds');
    expect(() => createMockChatKitApi().configure({ lifetimeSeconds: -1 })).toThrow('lifetimeSeconds');
  });
});
