import { type ChatSessionController, createChatSessionController } from '@chatkit-session/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatSessionHandler } from '../src/index.js';
import { createMockChatKitApi } from '../src/mock.js';
import { toNodeListener } from '../src/node.js';
import { type LocalServer, listen } from './listen.js';

// The whole chain a user runs: the core controller in the "browser" → the handler served by Node's http → the
// mock OpenAI API served by a second local server, all over real HTTP on 127.0.0.1.
const API_KEY = 'sk-proj-chainTESTKEY7Hq2';
const mock = createMockChatKitApi({ apiKey: API_KEY, workflows: ['wf_live'], lifetimeSeconds: 120 });
// OpenAI's answers that the mock does not play, one a request.
const scripted: Response[] = [];
let upstream: LocalServer;
let app: LocalServer;
let controller: ChatSessionController;

beforeAll(async () => {
  upstream = await listen(toNodeListener((request) => scripted.shift() ?? mock.fetch(request)));
  const handler = createChatSessionHandler({
    apiKey: API_KEY,
    resolveUser: () => 'user_chain',
    workflow: { id: 'wf_live' },
    baseURL: `${upstream.url}/v1`,
    upstreamTimeoutMs: 300,
    onError: () => {},
  });
  app = await listen(toNodeListener(handler));
});

beforeEach(() => {
  scripted.length = 0;
  mock.reset();
  mock.configure({ apiKey: API_KEY, workflows: ['wf_live'] });
  controller = createChatSessionController({
    fetchSession: ({ signal, reason }) =>
      fetch(`${app.url}/api/chatkit/session`, { method: 'POST', signal, body: JSON.stringify({ reason }) }),
    // Retries would wait on real time here; each case drives the next attempt itself with refresh().
    retryBaseDelayMs: 60_000,
  });
});

afterEach(() => controller.dispose());
afterAll(async () => {
  await Promise.all([app.close(), upstream.close()]);
});

const failureOf = async () => {
  const outcome = await controller.getClientSecret(null).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBe(controller.getState().error);
  return controller.getState().error;
};

describe('controller → handler → mock API over HTTP', () => {
  it('gets a session whose lifetime is measured on the server clock', async () => {
    const before = Date.now();
    const secret = await controller.getClientSecret(null);
    const state = controller.getState();
    expect(secret).toMatch(/^ek_/);
    expect(state.status).toBe('active');
    expect((state.expiresAt ?? 0) - before).toBeGreaterThan(118_000);
    expect((state.expiresAt ?? 0) - before).toBeLessThanOrEqual(120_000);
    expect(mock.calls.filter((call) => call.path.endsWith('/chatkit/sessions'))).toHaveLength(1);
  });

  it.each([
    ['a 404 workflow', { kind: 'workflow_not_found' } as const, { kind: 'not_found', status: 404, retryable: false }],
    ['a 401 key', { kind: 'unauthorized' } as const, { kind: 'unauthorized', status: 401, retryable: false }],
    [
      'a 429 with Retry-After',
      { kind: 'rate_limit', retryAfterSeconds: 7 } as const,
      { kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 7_000 },
    ],
    ['a 503', { kind: 'status', status: 503 } as const, { kind: 'server', status: 502, retryable: true }],
    ['a hanging upstream', { kind: 'hang' } as const, { kind: 'server', status: 504, retryable: true }],
  ])('classifies %s, then recovers on refresh()', async (_, failure, expected) => {
    mock.fail(failure);
    const error = await failureOf();
    expect(error).toMatchObject(expected);
    // OpenAI's x-request-id reaches the browser whenever OpenAI answered.
    if (failure.kind !== 'hang') expect(error?.requestId).toMatch(/^req_/);
    expect(error?.message).not.toContain(API_KEY);
    const session = await controller.refresh();
    expect(session.client_secret).toMatch(/^ek_/);
    expect(controller.getState()).toMatchObject({ status: 'active', error: null });
  });

  it.each([409, 410, 422])(
    'stops on OpenAI’s %i instead of retrying it, then recovers on refresh()',
    async (status) => {
      const body = { error: { message: 'Refused.', type: 'invalid_request_error', param: null, code: null } };
      scripted.push(Response.json(body, { status }));
      const error = await failureOf();
      expect(error).toMatchObject({ kind: 'bad_request', status, retryable: false });
      expect(controller.getState()).toMatchObject({ status: 'error', refreshAt: null });
      expect(error?.message).toContain('Refused.');
      await controller.refresh();
      expect(controller.getState()).toMatchObject({ status: 'active', error: null });
    },
  );
});
