import { ChatSessionValidationError } from '@chatkit-session/core';
import { ChatKitApiError } from '../openai/ChatKitApiError.js';
import { isAboutMissingWorkflow } from '../openai/readChatKitApiError.js';
import type { HandlerProblem } from './HandlerProblem.js';

/** What was known when the call to OpenAI failed. */
export interface UpstreamFailureContext {
  /** The handler's own timer aborted the call. */
  readonly timedOut: boolean;
  /** The browser went away, which aborted the call. */
  readonly clientGone: boolean;
  /** The timeout, for the message. */
  readonly timeoutMs: number;
}

const SESSION_OPTIONS = 'workflow, expiresAfterSeconds, rateLimits, chatkitConfiguration';

// A wrong key, workflow or option will not fix itself: these keep their status, which the browser treats as terminal.
const TERMINAL_MESSAGES: Readonly<Record<number, (error: ChatKitApiError) => string>> = {
  400: (error) =>
    `OpenAI rejected the session request: ${error.message} Check the server's session options (${SESSION_OPTIONS}).`,
  401: () =>
    "OpenAI rejected the server's API key (401). Check the key the server is configured with (for example " +
    'OPENAI_API_KEY): it must be a valid, unrevoked secret key of the project that owns the workflow.',
  403: () => "OpenAI refused the server's API key (403). Check that its project may use ChatKit and the workflow.",
};

/** Says what to check for a 4xx that has no message of its own; a missing workflow's message already says it. */
function describeClientError(error: ChatKitApiError): string {
  const own = TERMINAL_MESSAGES[error.status];
  if (own) return own(error);
  if (isAboutMissingWorkflow(error.status, error.message)) return error.message;
  if (error.status === 404) return `${error.message} Check the server's baseURL: it must end at /v1.`;
  return (
    `OpenAI refused the session request (${error.status}): ${error.message} Retrying will not help: check the ` +
    `server's session options (${SESSION_OPTIONS}) and that the workflow still exists.`
  );
}

function codeOf(error: ChatKitApiError): string {
  if (isAboutMissingWorkflow(error.status, error.message)) {
    return error.status === 404 ? 'workflow_not_found' : 'workflow_gone';
  }
  return error.code ?? `upstream_${error.status}`;
}

const upstream = (
  status: number,
  code: string,
  message: string,
  error: unknown,
  extra: Partial<HandlerProblem> = {},
): HandlerProblem => ({ status, code, message, error, source: 'upstream', type: 'upstream_error', ...extra });

function describeApiError(error: ChatKitApiError): HandlerProblem {
  const ids = { requestId: error.requestId };
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
  if (error.status >= 400 && error.status < 500) {
    return upstream(error.status, codeOf(error), describeClientError(error), error, {
      ...ids,
      type: error.type ?? 'invalid_request_error',
      param: error.param,
    });
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
 * 429, 408, timeouts and 5xx become 429/504/502 (the controller retries them); every other 4xx keeps its status
 * (the controller stops: a wrong key, workflow or option will not fix itself), with a message that says what to
 * check. A 404 or 410 about a workflow also says that Agent Builder workflows were shut down on 2026-11-30.
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
