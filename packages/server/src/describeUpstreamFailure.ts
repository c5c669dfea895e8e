import { ChatSessionValidationError } from '@chatkit-session/core';
import { ChatKitApiError } from './ChatKitApiError.js';
import type { HandlerProblem } from './jsonResponse.js';

/** What was known when the call to OpenAI failed. */
export interface UpstreamFailureContext {
  /** The handler's own timer aborted the call. */
  readonly timedOut: boolean;
  /** The browser went away, which aborted the call. */
  readonly clientGone: boolean;
  /** The timeout, for the message. */
  readonly timeoutMs: number;
}

// A wrong key or workflow will not fix itself: these keep their status, which the browser treats as terminal.
const TERMINAL_MESSAGES: Readonly<Record<number, (error: ChatKitApiError) => string>> = {
  400: (error) =>
    `OpenAI rejected the session request: ${error.message} Check the server's session options (workflow, ` +
    'expiresAfterSeconds, rateLimits, chatkitConfiguration).',
  401: () =>
    "OpenAI rejected the server's API key (401). Check the key the server is configured with (for example " +
    'OPENAI_API_KEY): it must be a valid, unrevoked secret key of the project that owns the workflow.',
  403: () => "OpenAI refused the server's API key (403). Check that its project may use ChatKit and the workflow.",
  404: (error) => error.message,
};

const upstream = (
  status: number,
  code: string,
  message: string,
  error: unknown,
  extra: Partial<HandlerProblem> = {},
): HandlerProblem => ({ status, code, message, error, source: 'upstream', type: 'upstream_error', ...extra });

function describeApiError(error: ChatKitApiError): HandlerProblem {
  const ids = { requestId: error.requestId };
  const terminal = TERMINAL_MESSAGES[error.status];
  if (terminal) {
    const code = error.status === 404 && /workflow/i.test(error.message) ? 'workflow_not_found' : error.code;
    return upstream(error.status, code ?? `upstream_${error.status}`, terminal(error), error, {
      ...ids,
      type: error.type ?? 'invalid_request_error',
      param: error.param,
    });
  }
  if (error.status === 429) {
    const after = error.retryAfter;
    const wait = after ? ` Retry after ${/^\d+$/.test(after) ? `${after} seconds` : after}.` : ' Retry later.';
    return upstream(429, 'rate_limited', `OpenAI rate-limited the session request.${wait}`, error, {
      ...ids,
      type: 'rate_limit_error',
      headers: { 'Retry-After': error.retryAfter },
    });
  }
  if (error.status === 408) {
    return upstream(504, 'upstream_timeout', 'OpenAI timed out creating the session. Retry later.', error, ids);
  }
  if (error.type === 'invalid_response') {
    return upstream(502, 'invalid_upstream_response', error.message, error, ids);
  }
  const message = `OpenAI's ChatKit API failed with status ${error.status}. Retry later.`;
  return upstream(502, 'upstream_error', message, error, { ...ids, headers: { 'Retry-After': error.retryAfter } });
}

/**
 * Turns a failed call to OpenAI into the answer the browser's session controller classifies correctly.
 *
 * 429, timeouts and 5xx become 429/504/502 (the controller retries them); 400, 401, 403 and 404 keep their
 * status (the controller stops: a wrong key or workflow will not fix itself).
 *
 * @param error What the call threw.
 * @param context Whether the handler's timer or the browser's disconnect aborted it.
 * @returns The problem to answer with.
 */
export function describeUpstreamFailure(error: unknown, context: UpstreamFailureContext): HandlerProblem {
  if (context.timedOut) {
    const message = `OpenAI's ChatKit API did not answer within ${context.timeoutMs} ms. Retry later.`;
    return upstream(504, 'upstream_timeout', message, error);
  }
  if (context.clientGone) {
    const message = 'The browser closed the request before OpenAI answered.';
    return { status: 499, code: 'client_closed_request', source: 'client', type: 'invalid_request_error', message };
  }
  if (error instanceof ChatKitApiError) return describeApiError(error);
  if (error instanceof ChatSessionValidationError) {
    return upstream(
      502,
      'invalid_upstream_response',
      `OpenAI answered with an invalid session. ${error.message}`,
      error,
    );
  }
  return upstream(502, 'upstream_unreachable', "Could not reach OpenAI's ChatKit API. Retry later.", error);
}
