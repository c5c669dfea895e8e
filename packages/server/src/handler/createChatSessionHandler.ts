import {
  ChatSessionValidationError,
  type CreateChatSessionBody,
  parseCreateChatSessionBody,
} from '@chatkit-session/core';
import { readApiKey } from '../openai/readApiKey.js';
import { sendChatKitRequest } from '../openai/sendChatKitRequest.js';
import type { ChatSessionHandler, ChatSessionHandlerOptions } from './ChatSessionHandlerOptions.js';
import { createSignedInEndpoint, httpDate, serverProblem } from './createSignedInEndpoint.js';
import { describeUpstreamFailure } from './describeUpstreamFailure.js';
import type { HandlerProblem } from './HandlerProblem.js';
import { jsonResponse } from './jsonResponse.js';
import { type HandlerConfig, resolveHandlerConfig } from './resolveHandlerConfig.js';

/** Builds the body OpenAI gets from what the server decides: the user, the workflow and the fixed options. */
async function buildSessionBody(
  request: Request,
  user: string,
  config: HandlerConfig,
): Promise<CreateChatSessionBody | HandlerProblem> {
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

/** Mints a session for the signed-in user: the body the server decides, then the call to OpenAI. */
async function serveSession(request: Request, user: string, config: HandlerConfig): Promise<Response | HandlerProblem> {
  const body = await buildSessionBody(request, user, config);
  if ('status' in body) return body;
  let apiKey: string;
  try {
    apiKey = readApiKey(config.apiKey, 'The session handler');
  } catch (error) {
    return serverProblem('missing_api_key', (error as Error).message, error);
  }
  return mintSession(body, apiKey, request, config);
}

/**
 * Creates your app's session endpoint: a web-standard handler that mints a ChatKit session for the signed-in user.
 *
 * The server decides `user` (through `resolveUser`) and `workflow`; the browser may send nothing, or
 * `{ "reason": "…" }`. It answers POST only, checks `Origin` against `allowedOrigins`, rejects a malformed or
 * oversized body before calling OpenAI, and answers with the session JSON (`Cache-Control: no-store`, OpenAI's
 * `Date`, the clock `expires_at` is on, and OpenAI's `x-request-id`). Failures get statuses the browser's session
 * controller classifies: 429 keeps `Retry-After`, 5xx and network errors become 502, 408 and a timeout 504, and every
 * other 4xx of OpenAI (a wrong key, a missing or shut-down workflow) keeps its status, which stops the controller.
 * The API key never appears in an answer or a report.
 *
 * @param options The API key, the workflow, how to tell the user, and the limits.
 * @returns The handler: `(request: Request) => Promise<Response>`.
 * @throws {TypeError} When an option is malformed, such as `expiresAfterSeconds: 900`, or unknown, such as a
 *   misspelt one: the message names it and the known option it is close to.
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
  return createSignedInEndpoint(config, (request, user) => serveSession(request, user, config));
}
