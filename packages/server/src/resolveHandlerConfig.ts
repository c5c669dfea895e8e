import {
  type ChatkitConfigurationParam,
  ChatSessionValidationError,
  type ExpiresAfterParamInput,
  parseCreateChatSessionBody,
  type RateLimitsParam,
  type WorkflowParam,
} from '@chatkit-session/core';
import type {
  ChatSessionHandlerErrorEvent,
  ChatSessionHandlerOptions,
  ChatSessionUserResolver,
  ChatSessionWorkflowResolver,
} from './ChatSessionHandlerOptions.js';
import { OPENAI_API_BASE_URL } from './constants.js';
import { redactSecrets } from './redactSecrets.js';
import type { ChatKitFetch } from './sendChatKitRequest.js';

/** The parts of a create-session body the server's options fix for every session. */
export interface SessionOverrides {
  expires_after?: ExpiresAfterParamInput;
  rate_limits?: RateLimitsParam;
  chatkit_configuration?: ChatkitConfigurationParam;
}

/** The handler's options, checked once and with their defaults filled in. */
export interface HandlerConfig {
  readonly apiKey: string | undefined;
  readonly workflow: WorkflowParam | ChatSessionWorkflowResolver;
  readonly resolveUser: ChatSessionUserResolver;
  readonly allowedOrigins: ReadonlySet<string> | null;
  readonly overrides: SessionOverrides;
  readonly baseURL: string;
  readonly fetch: ChatKitFetch | undefined;
  readonly maxBodyBytes: number;
  readonly upstreamTimeoutMs: number;
  readonly report: (event: ChatSessionHandlerErrorEvent) => void;
  readonly now: () => number;
}

function logError(event: ChatSessionHandlerErrorEvent, apiKey: string | undefined): void {
  if (event.source === 'client') return;
  const request = event.requestId ? ` (OpenAI request ${event.requestId})` : '';
  console.error(redactSecrets(`[chatkit-session] ${event.status} ${event.code}: ${event.message}${request}`, apiKey));
}

function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`createChatSessionHandler: ${name} must be a positive number.`);
  }
  return value;
}

function readOrigins(origins: readonly string[] | undefined): ReadonlySet<string> | null {
  if (origins === undefined) return null;
  return new Set(
    origins.map((origin) => {
      try {
        return new URL(origin).origin;
      } catch {
        throw new TypeError(`createChatSessionHandler: allowedOrigins holds ${JSON.stringify(origin)}, not a URL.`);
      }
    }),
  );
}

function readOverrides(options: ChatSessionHandlerOptions): SessionOverrides {
  const overrides: SessionOverrides = {};
  if (options.expiresAfterSeconds !== undefined) overrides.expires_after = { seconds: options.expiresAfterSeconds };
  if (options.rateLimits !== undefined) overrides.rate_limits = options.rateLimits;
  if (options.chatkitConfiguration !== undefined) overrides.chatkit_configuration = options.chatkitConfiguration;
  return overrides;
}

/** Fails at start-up, not on the first request, when the fixed parts of the body break OpenAI's rules. */
function checkOverrides(workflow: HandlerConfig['workflow'], overrides: SessionOverrides): void {
  const sample = typeof workflow === 'function' ? { id: 'wf_sample' } : workflow;
  try {
    parseCreateChatSessionBody({ workflow: sample, user: 'user_sample', ...overrides });
  } catch (error) {
    if (!(error instanceof ChatSessionValidationError)) throw error;
    const message =
      'createChatSessionHandler got options OpenAI would reject (expiresAfterSeconds is expires_after.seconds, ' +
      `rateLimits is rate_limits, chatkitConfiguration is chatkit_configuration).\n${error.message}`;
    throw new TypeError(message, { cause: error });
  }
}

/**
 * Checks the handler's options and fills in their defaults.
 *
 * @param options The options given to `createChatSessionHandler`.
 * @returns The configuration each request uses.
 * @throws {TypeError} When an option is malformed or the fixed parts of the body break OpenAI's rules.
 */
export function resolveHandlerConfig(options: ChatSessionHandlerOptions): HandlerConfig {
  if (typeof options.resolveUser !== 'function') {
    throw new TypeError('createChatSessionHandler needs resolveUser(request), which returns the signed-in user.');
  }
  if (typeof options.workflow !== 'function' && typeof options.workflow !== 'object') {
    throw new TypeError('createChatSessionHandler needs workflow: { id: "wf_…" } or a function that returns one.');
  }
  const overrides = readOverrides(options);
  checkOverrides(options.workflow, overrides);
  const { apiKey, onError } = options;
  return {
    apiKey,
    workflow: options.workflow,
    resolveUser: options.resolveUser,
    allowedOrigins: readOrigins(options.allowedOrigins),
    overrides,
    baseURL: options.baseURL ?? OPENAI_API_BASE_URL,
    fetch: options.fetch,
    maxBodyBytes: positiveNumber('maxBodyBytes', options.maxBodyBytes, 16_384),
    upstreamTimeoutMs: positiveNumber('upstreamTimeoutMs', options.upstreamTimeoutMs, 10_000),
    report: onError ?? ((event) => logError(event, apiKey)),
    now: options.now ?? Date.now,
  };
}
