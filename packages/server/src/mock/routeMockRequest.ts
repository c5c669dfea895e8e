import {
  type ChatSessionResource,
  ChatSessionValidationError,
  type CreateChatSessionBody,
  parseCreateChatSessionBody,
} from '@chatkit-session/core';
import { jsonErrorResponse, jsonResponse } from '../handler/jsonResponse.js';
import { CHATKIT_BETA_HEADER } from '../openai/constants.js';
import { answerMockFailure, unauthorizedResponse, workflowNotFoundResponse } from './answerMockFailure.js';
import { buildMockSession } from './buildMockSession.js';
import type { MockChatKitApiSettings, MockChatKitCall, MockChatKitFailure } from './MockChatKitApiOptions.js';
import { sleep } from './sleep.js';

/** A copy of `T` whose fields can be written. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What the mock API keeps between requests. */
export interface MockState {
  readonly basePath: string;
  readonly settings: () => MockChatKitApiSettings;
  readonly failures: MockChatKitFailure[];
  readonly sessions: Map<string, Mutable<ChatSessionResource>>;
  /** The mock server's clock (with the offset), in epoch milliseconds. */
  readonly serverNow: () => number;
  /** Builds the `x-request-id` and `Date` headers every answer carries. */
  readonly headers: () => Record<string, string>;
}

const CANCEL_PATH = /^\/chatkit\/sessions\/([^/]+)\/cancel$/;
// Old sessions are forgotten past this many, so a long demo does not grow without bound.
const MAX_SESSIONS = 1000;

const invalidRequest = (message: string, headers: Record<string, string>, param: string | null = null, code?: string) =>
  jsonErrorResponse(400, { message, type: 'invalid_request_error', param, code }, headers);

function readBearer(request: Request): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await request.text()) };
  } catch {
    return { ok: false };
  }
}

function workflowIdOf(value: unknown): string | null {
  const id = (value as { workflow?: { id?: unknown } } | null)?.workflow?.id;
  return typeof id === 'string' ? id : null;
}

/** Finds which endpoint a request reaches below the base path, or `null` for OpenAI's "Invalid URL" 404. */
function matchEndpoint(
  method: string,
  path: string,
  basePath: string,
): { endpoint: 'create' } | { endpoint: 'cancel'; id: string } | null {
  if (method !== 'POST' || !path.startsWith(`${basePath}/`)) return null;
  const rest = path.slice(basePath.length);
  if (rest === '/chatkit/sessions') return { endpoint: 'create' };
  const encodedId = CANCEL_PATH.exec(rest)?.[1];
  if (encodedId === undefined) return null;
  try {
    return { endpoint: 'cancel', id: decodeURIComponent(encodedId) };
  } catch {
    return null;
  }
}

function validationResponse(error: ChatSessionValidationError, headers: Record<string, string>): Response {
  const first = error.issues[0];
  const message = first?.message ?? 'is invalid';
  const code =
    message === 'is required'
      ? 'missing_required_parameter'
      : message === 'is not a known field'
        ? 'unknown_parameter'
        : 'invalid_value';
  const where = first?.path ? `'${first.path}'` : 'body';
  return invalidRequest(`Invalid ${where}: ${message}.`, headers, first?.path || null, code);
}

function playFailure(failure: MockChatKitFailure, request: Request, state: MockState): Promise<Response> {
  const context = { signal: request.signal, bearer: readBearer(request), headers: state.headers };
  if (failure.kind !== 'workflow_not_found') return answerMockFailure(failure, { ...context, workflowId: null });
  return readJson(request).then((parsed) =>
    answerMockFailure(failure, { ...context, workflowId: parsed.ok ? workflowIdOf(parsed.value) : null }),
  );
}

async function createSession(request: Request, state: MockState): Promise<Response> {
  const parsed = await readJson(request);
  if (!parsed.ok) return invalidRequest('We could not parse the JSON body of your request.', state.headers());
  let body: CreateChatSessionBody;
  try {
    body = parseCreateChatSessionBody(parsed.value);
  } catch (error) {
    if (error instanceof ChatSessionValidationError) return validationResponse(error, state.headers());
    throw error;
  }
  const { workflows, lifetimeSeconds } = state.settings();
  if (workflows && !workflows.includes(body.workflow.id))
    return workflowNotFoundResponse(body.workflow.id, state.headers());
  const session = buildMockSession(body, state.serverNow(), lifetimeSeconds);
  state.sessions.set(session.id, session);
  if (state.sessions.size > MAX_SESSIONS) state.sessions.delete(state.sessions.keys().next().value ?? '');
  return jsonResponse(200, session, state.headers());
}

function cancelSession(id: string, state: MockState): Response {
  const session = state.sessions.get(id);
  if (!session) {
    const message = `Session with id '${id}' not found.`;
    return jsonErrorResponse(404, { message, type: 'invalid_request_error' }, state.headers());
  }
  if (session.status === 'active') {
    session.status = state.serverNow() / 1000 >= session.expires_at ? 'expired' : 'cancelled';
  }
  return jsonResponse(200, session, state.headers());
}

/**
 * Answers one request like OpenAI's ChatKit session endpoints would, after the configured latency.
 *
 * @param request The request.
 * @param call Its entry in the calls log, filled in with the endpoint and the failure played.
 * @param state The mock's sessions, failures, settings and clock.
 * @returns The answer; rejects for a `network` failure, or when the request is aborted.
 */
export async function routeMockRequest(
  request: Request,
  call: Mutable<MockChatKitCall>,
  state: MockState,
): Promise<Response> {
  const settings = state.settings();
  await sleep(settings.latencyMs ?? 0, request.signal);
  const target = matchEndpoint(request.method, call.path, state.basePath);
  call.endpoint = target?.endpoint ?? null;
  if (!target) {
    const message = `Invalid URL (${request.method} ${call.path})`;
    return jsonErrorResponse(404, { message, type: 'invalid_request_error' }, state.headers());
  }
  const failure = target.endpoint === 'create' ? state.failures.shift() : undefined;
  if (failure) {
    call.failure = failure.kind;
    return playFailure(failure, request, state);
  }
  const bearer = readBearer(request);
  if (!bearer || (settings.apiKey !== undefined && bearer !== settings.apiKey)) {
    return unauthorizedResponse(bearer, state.headers());
  }
  if (!request.headers.get(CHATKIT_BETA_HEADER.name)?.includes(CHATKIT_BETA_HEADER.value)) {
    const message = `ChatKit is in beta: send the header '${CHATKIT_BETA_HEADER.name}: ${CHATKIT_BETA_HEADER.value}'.`;
    return invalidRequest(message, state.headers());
  }
  return target.endpoint === 'create' ? createSession(request, state) : cancelSession(target.id, state);
}
