import {
  ChatSessionValidationError,
  type CreateChatSessionBody,
  parseCreateChatSessionBody,
} from '@chatkit-session/core';
import type { ChatSessionHandler, ChatSessionHandlerOptions } from './ChatSessionHandlerOptions.js';
import { describeUpstreamFailure } from './describeUpstreamFailure.js';
import { type HandlerProblem, jsonErrorResponse, jsonResponse } from './jsonResponse.js';
import { readSessionRequest } from './readSessionRequest.js';
import { readApiKey, redactSecrets } from './redactSecrets.js';
import { type HandlerConfig, resolveHandlerConfig } from './resolveHandlerConfig.js';
import { sendChatKitRequest } from './sendChatKitRequest.js';

const serverProblem = (code: string, message: string, error?: unknown): HandlerProblem => ({
  status: 500,
  source: 'server',
  type: 'server_error',
  code,
  message,
  error,
});

function checkMethodAndOrigin(request: Request, config: HandlerConfig): HandlerProblem | null {
  if (request.method !== 'POST') {
    const message = `The session endpoint answers POST only, not ${request.method}.`;
    const type = 'invalid_request_error';
    return { status: 405, source: 'client', type, code: 'method_not_allowed', message, headers: { Allow: 'POST' } };
  }
  const origin = request.headers.get('origin');
  if (origin !== null && config.allowedOrigins && !config.allowedOrigins.has(origin)) {
    const message = 'This origin may not ask for ChatKit sessions: add it to allowedOrigins on the server.';
    return { status: 403, source: 'client', type: 'permission_error', code: 'origin_not_allowed', message };
  }
  return null;
}

/** Builds the body OpenAI gets from what the server decides: the user, the workflow and the fixed options. */
async function buildSessionBody(
  request: Request,
  config: HandlerConfig,
): Promise<CreateChatSessionBody | HandlerProblem> {
  let user: unknown;
  try {
    user = await config.resolveUser(request);
  } catch (error) {
    return serverProblem('resolve_user_failed', 'resolveUser threw, so no session was created.', error);
  }
  if (user === null || user === undefined || user === '') {
    const message = 'Sign in first: the server could not tell who is asking for a ChatKit session.';
    return { status: 401, source: 'client', type: 'authentication_error', code: 'unauthenticated', message };
  }
  if (typeof user !== 'string') return serverProblem('invalid_user', 'resolveUser returned something not a string.');
  try {
    const workflow = typeof config.workflow === 'function' ? await config.workflow(request, user) : config.workflow;
    return parseCreateChatSessionBody({ ...config.overrides, workflow, user });
  } catch (error) {
    const why = error instanceof ChatSessionValidationError ? error.message : 'The workflow function threw.';
    return serverProblem('invalid_session_options', `The server could not build the session request. ${why}`, error);
  }
}

/** Calls OpenAI under the handler's timeout, also stopping when the browser goes away. */
async function mintSession(
  body: CreateChatSessionBody,
  apiKey: string,
  request: Request,
  config: HandlerConfig,
): Promise<Response | HandlerProblem> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.upstreamTimeoutMs);
  const forwardAbort = () => controller.abort();
  request.signal.addEventListener('abort', forwardAbort, { once: true });
  if (request.signal.aborted) controller.abort();
  try {
    const options = { apiKey, baseURL: config.baseURL, fetch: config.fetch, signal: controller.signal };
    const answer = await sendChatKitRequest('/chatkit/sessions', body, options, 'the session handler');
    // `expires_at` is on OpenAI's clock, so the browser measures it against OpenAI's Date, not this server's.
    const date = answer.date && !Number.isNaN(Date.parse(answer.date)) ? answer.date : httpDate(config);
    return jsonResponse(200, answer.session, { Date: date, 'x-request-id': answer.requestId });
  } catch (error) {
    const context = { timedOut, clientGone: request.signal.aborted, timeoutMs: config.upstreamTimeoutMs };
    return describeUpstreamFailure(error, context);
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', forwardAbort);
  }
}

function httpDate(config: HandlerConfig): string {
  return new Date(config.now()).toUTCString();
}

function answerProblem(problem: HandlerProblem, reason: string | null, config: HandlerConfig): Response {
  const message = redactSecrets(problem.message, config.apiKey);
  const requestId = problem.requestId ?? null;
  const { status, code, source, error } = problem;
  try {
    config.report({ status, code, message, source, requestId, reason, error });
  } catch {
    // A broken logger must not turn a clear answer into a crash.
  }
  return jsonErrorResponse(
    problem.status,
    { ...problem, message },
    {
      ...problem.headers,
      Date: httpDate(config),
      'x-request-id': requestId,
    },
  );
}

type Answer = (problem: HandlerProblem, reason: string | null) => Response;

async function handle(request: Request, config: HandlerConfig, answer: Answer): Promise<Response> {
  const refused = checkMethodAndOrigin(request, config);
  if (refused) return answer(refused, null);
  const reading = await readSessionRequest(request, config.maxBodyBytes);
  if (!reading.ok) return answer(reading.problem, null);
  const { reason } = reading;
  const body = await buildSessionBody(request, config);
  if ('status' in body) return answer(body, reason);
  let apiKey: string;
  try {
    apiKey = readApiKey(config.apiKey, 'The session handler');
  } catch (error) {
    return answer(serverProblem('missing_api_key', (error as Error).message, error), reason);
  }
  const minted = await mintSession(body, apiKey, request, config);
  return minted instanceof Response ? minted : answer(minted, reason);
}

/**
 * Creates your app's session endpoint: a web-standard handler that mints a ChatKit session for the signed-in user.
 *
 * The server decides `user` (through `resolveUser`) and `workflow`; the browser may send nothing, or
 * `{ "reason": "…" }`. It answers POST only, checks `Origin` against `allowedOrigins`, rejects a malformed or
 * oversized body before calling OpenAI, and answers with the session JSON (`Cache-Control: no-store`, OpenAI's
 * `Date`, the clock `expires_at` is on, and OpenAI's `x-request-id`). Failures get statuses the browser's session controller classifies: 429 keeps
 * `Retry-After`, 5xx and network errors become 502, a timeout 504, and a wrong key or workflow keeps its 401/404.
 * The API key never appears in an answer or a report.
 *
 * @param options The API key, the workflow, how to tell the user, and the limits.
 * @returns The handler: `(request: Request) => Promise<Response>`.
 * @throws {TypeError} When an option is malformed, such as `expiresAfterSeconds: 900`.
 * @example
 * // app/api/chatkit/session/route.ts (Next.js)
 * export const POST = createChatSessionHandler({
 *   apiKey: process.env.OPENAI_API_KEY,
 *   workflow: { id: 'wf_123' },
 *   resolveUser: async (request) => (await getSignedInUser(request))?.id ?? null,
 * });
 */
export function createChatSessionHandler(options: ChatSessionHandlerOptions): ChatSessionHandler {
  const config = resolveHandlerConfig(options);
  const answer: Answer = (problem, reason) => answerProblem(problem, reason, config);
  return async (request) => {
    try {
      return await handle(request, config, answer);
    } catch (error) {
      return answer(serverProblem('internal_error', 'The session endpoint failed unexpectedly.', error), null);
    }
  };
}
