import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import { OPENAI_API_BASE_URL } from '../openai/constants.js';
import { randomHex } from './buildMockSession.js';
import type {
  MockChatKitApi,
  MockChatKitApiOptions,
  MockChatKitApiSettings,
  MockChatKitCall,
} from './MockChatKitApiOptions.js';
import { type MockState, type Mutable, routeMockRequest } from './routeMockRequest.js';

const SETTINGS = optionNames<MockChatKitApiSettings>({
  lifetimeSeconds: true,
  latencyMs: true,
  clockOffsetMs: true,
  workflows: true,
  apiKey: true,
});
const OPTIONS = [
  ...SETTINGS,
  ...optionNames<Omit<MockChatKitApiOptions, keyof MockChatKitApiSettings>>({
    baseURL: true,
    failures: true,
    now: true,
  }),
];
// The session handler's name for the lifetime.
const RELATED = { expiresAfterSeconds: 'lifetimeSeconds' };

function checkSettings(settings: MockChatKitApiSettings): MockChatKitApiSettings {
  const { lifetimeSeconds, latencyMs } = settings;
  if (lifetimeSeconds !== undefined && !(Number.isInteger(lifetimeSeconds) && lifetimeSeconds > 0)) {
    throw new TypeError('createMockChatKitApi: lifetimeSeconds must be a whole number of seconds, at least 1.');
  }
  if (latencyMs !== undefined && !(latencyMs >= 0)) {
    throw new TypeError('createMockChatKitApi: latencyMs must be 0 or more.');
  }
  return settings;
}

/**
 * Creates an in-memory imitation of OpenAI's ChatKit session endpoints, for tests, Storybook and demos.
 *
 * Its `fetch` answers `POST {base}/chatkit/sessions` and `POST {base}/chatkit/sessions/{id}/cancel` with OpenAI's
 * validation (the core schemas) and error shapes: 401 without a Bearer key, 400 `invalid_request_error` with
 * `param` for a bad body, 404 for unknown paths and workflows, and an `x-request-id` and `Date` on every answer.
 * Knobs: session lifetime, latency, scripted failures, a skewed server clock and an injectable `now()`. It uses
 * web-standard APIs only, so it runs in a browser too (for example behind MSW).
 *
 * @param options The starting knobs and scripted failures.
 * @returns The mock, with `fetch`, the `calls` log and controls.
 * @throws {TypeError} When an option is unknown or malformed, such as `latencyMs: -1`.
 * @example
 * const mock = createMockChatKitApi({ lifetimeSeconds: 30 });
 * mock.fail({ kind: 'rate_limit', retryAfterSeconds: 2 });
 * const handler = createChatSessionHandler({
 *   apiKey: 'sk-test',
 *   workflow: { id: 'wf_1' },
 *   resolveUser: () => 'user_42',
 *   fetch: mock.fetch,
 * });
 */
export function createMockChatKitApi(options: MockChatKitApiOptions = {}): MockChatKitApi {
  assertKnownOptions('createMockChatKitApi', options, OPTIONS, RELATED);
  const now = options.now ?? Date.now;
  let settings = checkSettings({ ...options });
  const calls: MockChatKitCall[] = [];
  const serverNow = () => now() + (settings.clockOffsetMs ?? 0);
  const state: MockState = {
    basePath: new URL(options.baseURL ?? OPENAI_API_BASE_URL).pathname.replace(/\/+$/, ''),
    settings: () => settings,
    failures: [...(options.failures ?? [])],
    sessions: new Map(),
    serverNow,
    headers: () => ({ 'x-request-id': `req_${randomHex()}`, Date: new Date(serverNow()).toUTCString() }),
  };
  return {
    async fetch(input, init) {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      const call: Mutable<MockChatKitCall> = {
        method: request.method,
        path,
        endpoint: null,
        status: null,
        time: now(),
        failure: null,
      };
      calls.push(call);
      const response = await routeMockRequest(request, call, state);
      call.status = response.status;
      return response;
    },
    calls,
    get pendingFailures() {
      return [...state.failures];
    },
    sessions: state.sessions,
    fail(...failures) {
      state.failures.push(...failures);
    },
    configure(patch) {
      assertKnownOptions('mock.configure', patch, SETTINGS, RELATED);
      settings = checkSettings({ ...settings, ...patch });
    },
    reset() {
      calls.length = 0;
      state.failures.length = 0;
      state.sessions.clear();
    },
  };
}
