import {
  type ChatKitEndpointErrorEvent,
  createChatKitTokenHandler,
  createChatSessionHandler,
} from '@chatkit-session/server';
import { createMockChatKitApi, type MockChatKitApi } from '@chatkit-session/server/mock';
import { type NodeListener, toNodeListener } from '@chatkit-session/server/node';
import type { DemoConfig, MockCallCount } from '../src/demoApi.js';
import { createMockChatKitServer } from './createMockChatKitServer.js';
import { type DemoRoute, jsonResponse, problemResponse } from './jsonResponse.js';
import type { DemoSettings } from './readDemoSettings.js';
import { readMockFailure } from './readMockFailure.js';

/** The `user` of every demo session. Replace with your auth: the signed-in user's stable id, or `null` for a 401. */
export const DEMO_USER_ID = 'demo-user';
/** The mock accepts any Bearer key, so the demo runs without a real one. */
const MOCK_API_KEY = 'sk-demo-mock-key';
const MOCK_WORKFLOW_ID = 'wf_demo_mock';
/** The bytes of the demo's token signing secret: HS256 needs at least 32. */
const TOKEN_SECRET_BYTES = 32;

function countCalls(mock: MockChatKitApi): MockCallCount {
  const creates = mock.calls.filter((call) => call.endpoint === 'create');
  return { created: creates.filter((call) => call.status === 200).length, attempted: creates.length };
}

function mockRoutes(mock: MockChatKitApi): Record<string, DemoRoute> {
  return {
    'GET /api/mock/calls': () => jsonResponse(200, countCalls(mock)),
    'POST /api/mock/fail': async (request) => {
      const failure = readMockFailure(await request.json().catch(() => null));
      if (!failure) {
        return problemResponse(400, 'Send {"kind": "status" | "rate_limit" | "workflow_not_found" | "network"}.');
      }
      mock.fail(failure);
      return jsonResponse(202, { pending: mock.pendingFailures.map((pending) => pending.kind) });
    },
  };
}

function describeError(event: ChatKitEndpointErrorEvent): string {
  const reason = event.reason ? ` (reason: ${event.reason})` : '';
  const request = event.requestId ? ` [${event.requestId}]` : '';
  return `[chatkit-session] ${event.status} ${event.code}${reason}: ${event.message}${request}`;
}

/**
 * Custom-backend mode: the token endpoint, and a ChatKit server that checks its tokens. The signing secret is random
 * per start (so a restart refuses the old tokens, which the page then renews) and is never logged or answered.
 */
function customBackend(settings: DemoSettings, log: (line: string) => void) {
  const secret = crypto.getRandomValues(new Uint8Array(TOKEN_SECRET_BYTES));
  const token = createChatKitTokenHandler({
    secret,
    // Replace with your auth, as for the session endpoint.
    resolveUser: () => DEMO_USER_ID,
    // The demo's session lifetime, so tokens renew while you watch too; undefined: the handler's 600 s.
    lifetimeSeconds: settings.lifetimeSeconds,
    onError: (event) => log(describeError(event)),
  });
  const chatKit = createMockChatKitServer({ secret });
  return {
    token,
    routes: { 'POST /api/chatkit': chatKit.respond, 'POST /api/demo/refuse-token': chatKit.refuseToken },
  };
}

/**
 * Creates the demo's `/api/*` middleware: the real session endpoint at `POST /api/chatkit/session`, talking to the
 * mock ChatKit API (or to OpenAI when configured), the real token endpoint at `POST /api/chatkit/token` with a mock
 * ChatKit server at `POST /api/chatkit` that checks its tokens, plus the page's config and the demo's buttons.
 *
 * @param settings What `readDemoSettings` read from the environment.
 * @param log Where the endpoints' error lines go (never with the API key or the token secret in them).
 * @returns A Node/Connect middleware for paths under `/api/`.
 */
export function createDemoMiddleware(settings: DemoSettings, log: (line: string) => void): NodeListener {
  const mock = settings.mode === 'mock' ? createMockChatKitApi() : null;
  const session = createChatSessionHandler({
    apiKey: settings.mode === 'openai' ? settings.apiKey : MOCK_API_KEY,
    workflow: { id: settings.mode === 'openai' ? settings.workflowId : MOCK_WORKFLOW_ID },
    // Replace with your auth: read the signed-in user from the request's cookie or header.
    resolveUser: () => DEMO_USER_ID,
    expiresAfterSeconds: settings.lifetimeSeconds,
    fetch: mock?.fetch,
    onError: (event) => log(describeError(event)),
  });
  const custom = customBackend(settings, log);
  // Every method reaches these endpoints, which answer 405 themselves to anything but POST.
  const endpoints: Record<string, DemoRoute> = { '/api/chatkit/session': session, '/api/chatkit/token': custom.token };
  const config: DemoConfig = { mode: settings.mode, lifetimeSeconds: settings.lifetimeSeconds ?? null };
  const routes: Record<string, DemoRoute> = {
    'GET /api/demo/config': () => jsonResponse(200, config),
    ...custom.routes,
    ...(mock ? mockRoutes(mock) : {}),
  };
  const paths = new Set(Object.keys(routes).map((route) => route.split(' ')[1]));
  return toNodeListener(async (request) => {
    const { pathname } = new URL(request.url);
    const endpoint = endpoints[pathname];
    if (endpoint) return endpoint(request);
    const route = routes[`${request.method} ${pathname}`];
    if (route) return route(request);
    if (paths.has(pathname)) return problemResponse(405, `${request.method} is not allowed on ${pathname}.`);
    return problemResponse(404, `No demo endpoint at ${pathname}.`);
  });
}
