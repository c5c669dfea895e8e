import { jsonErrorResponse } from '../handler/jsonResponse.js';
import type { MockChatKitFailure } from './MockChatKitApiOptions.js';
import { waitForAbort } from './waitForAbort.js';

/** What a mock answer needs besides the failure: the request's parts and the headers every answer carries. */
export interface MockAnswerContext {
  readonly signal: AbortSignal;
  /** The Bearer token the request carried, or `null`. */
  readonly bearer: string | null;
  /** The workflow id of the body, when it has one. */
  readonly workflowId: string | null;
  /** Builds the `x-request-id` and `Date` headers. */
  readonly headers: () => Record<string, string>;
}

/** Masks a key the way OpenAI's 401 message does: its first and last characters stay visible. */
export function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}` : '***';
}

/**
 * Answers with OpenAI's 401 for a wrong or missing key.
 *
 * @param bearer The key the request carried, or `null`.
 * @param headers The headers every answer carries.
 * @returns The response.
 */
export function unauthorizedResponse(bearer: string | null, headers: Record<string, string>): Response {
  const message = bearer
    ? `Incorrect API key provided: ${maskKey(bearer)}. You can find your API key at https://platform.openai.com/account/api-keys.`
    : "You didn't provide an API key. Send it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).";
  const code = bearer ? 'invalid_api_key' : null;
  return jsonErrorResponse(401, { message, type: 'invalid_request_error', code }, headers);
}

/**
 * Answers with OpenAI's 404 for a workflow the key's project does not have.
 *
 * @param workflowId The id asked for.
 * @param headers The headers every answer carries.
 * @returns The response.
 */
export function workflowNotFoundResponse(workflowId: string, headers: Record<string, string>): Response {
  const message = `Workflow with id '${workflowId}' not found.`;
  return jsonErrorResponse(404, { message, type: 'invalid_request_error' }, headers);
}

/**
 * Plays a scripted failure: answers with its error, rejects like a dropped connection, or hangs until aborted.
 *
 * @param failure The failure to play.
 * @param context The request's signal, key and workflow, and the common headers.
 * @returns The error answer; rejects for `network` and `hang`.
 */
export async function answerMockFailure(failure: MockChatKitFailure, context: MockAnswerContext): Promise<Response> {
  switch (failure.kind) {
    case 'network':
      throw new TypeError('fetch failed: the mock ChatKit API dropped the connection.');
    case 'hang':
      return waitForAbort(context.signal);
    case 'status': {
      const message = 'The server had an error while processing your request. Sorry about that!';
      return jsonErrorResponse(failure.status, { message, type: 'server_error' }, context.headers());
    }
    case 'rate_limit': {
      const message = `Rate limit reached for requests. Please try again in ${failure.retryAfterSeconds}s.`;
      const headers = { ...context.headers(), 'Retry-After': String(failure.retryAfterSeconds) };
      return jsonErrorResponse(429, { message, type: 'requests', code: 'rate_limit_exceeded' }, headers);
    }
    case 'workflow_not_found':
      return workflowNotFoundResponse(context.workflowId ?? 'wf_unknown', context.headers());
    case 'unauthorized':
      return unauthorizedResponse(context.bearer, context.headers());
  }
}
