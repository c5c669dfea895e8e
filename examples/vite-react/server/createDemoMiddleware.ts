import { type ChatSessionHandlerErrorEvent, createChatSessionHandler } from '@chatkit-session/server';
import { createMockChatKitApi, type MockChatKitApi } from '@chatkit-session/server/mock';
import { type NodeListener, toNodeListener } from '@chatkit-session/server/node';
import type { DemoConfig, MockCallCount } from '../src/demoApi.js';
import type { DemoSettings } from './readDemoSettings.js';
import { readMockFailure } from './readMockFailure.js';

/** The `user` of every demo session. Replace with your auth: the signed-in user's stable id, or `null` for a 401. */
export const DEMO_USER_ID = 'demo-user';
/** The mock accepts any Bearer key, so the demo runs without a real one. */
const MOCK_API_KEY = 'sk-demo-mock-key';
const MOCK_WORKFLOW_ID = 'wf_demo_mock';

type Route = (request: Request) => Response | Promise<Response>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });

const problem = (status: number, message: string, headers: Record<string, string> = {}) =>
  json(status, { error: { message, type: 'invalid_request_error' } }, headers);

function countCalls(mock: MockChatKitApi): MockCallCount {
  const creates = mock.calls.filter((call) => call.endpoint === 'create');
  return { created: creates.filter((call) => call.status === 200).length, attempted: creates.length };
}

function mockRoutes(mock: MockChatKitApi): Record<string, Route> {
  return {
    'GET /api/mock/calls': () => json(200, countCalls(mock)),
    'POST /api/mock/fail': async (request) => {
      const failure = readMockFailure(await request.json().catch(() => null));
      if (!failure) return problem(400, 'Send {"kind": "status" | "rate_limit" | "workflow_not_found" | "network"}.');
      mock.fail(failure);
      return json(202, { pending: mock.pendingFailures.map((pending) => pending.kind) });
    },
  };
}

function describeError(event: ChatSessionHandlerErrorEvent): string {
  const reason = event.reason ? ` (reason: ${event.reason})` : '';
  const request = event.requestId ? ` [${event.requestId}]` : '';
  return `[chatkit-session] ${event.status} ${event.code}${reason}: ${event.message}${request}`;
}

/**
 * Creates the demo's `/api/*` middleware: the real session endpoint at `POST /api/chatkit/session`, talking to the
 * mock ChatKit API (or to OpenAI when configured), plus the page's config and the mock's failure buttons.
 *
 * @param settings What `readDemoSettings` read from the environment.
 * @param log Where the endpoint's error lines go (never with the API key in them).
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
  const config: DemoConfig = { mode: settings.mode, lifetimeSeconds: settings.lifetimeSeconds ?? null };
  const routes: Record<string, Route> = {
    'GET /api/demo/config': () => json(200, config),
    ...(mock ? mockRoutes(mock) : {}),
  };
  const paths = new Set(Object.keys(routes).map((route) => route.split(' ')[1]));
  return toNodeListener(async (request) => {
    const { pathname } = new URL(request.url);
    // Every method reaches the session endpoint, which answers 405 itself to anything but POST.
    if (pathname === '/api/chatkit/session') return session(request);
    const route = routes[`${request.method} ${pathname}`];
    if (route) return route(request);
    if (paths.has(pathname)) return problem(405, `${request.method} is not allowed on ${pathname}.`);
    return problem(404, `No demo endpoint at ${pathname}.`);
  });
}
