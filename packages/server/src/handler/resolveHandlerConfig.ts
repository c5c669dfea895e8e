import {
  type ChatkitConfigurationParam,
  ChatSessionValidationError,
  type ExpiresAfterParamInput,
  parseCreateChatSessionBody,
  type RateLimitsParam,
  type WorkflowParam,
} from '@chatkit-session/core';
import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import { OPENAI_API_BASE_URL } from '../openai/constants.js';
import { redactSecrets } from '../openai/redactSecrets.js';
import type { ChatKitFetch } from '../openai/sendChatKitRequest.js';
import type { ChatSessionHandlerOptions, ChatSessionWorkflowResolver } from './ChatSessionHandlerOptions.js';
import { type EndpointConfig, positiveNumber, resolveEndpointConfig } from './resolveEndpointConfig.js';

/** The parts of a create-session body the server's options fix for every session. */
export interface SessionOverrides {
  expires_after?: ExpiresAfterParamInput;
  rate_limits?: RateLimitsParam;
  chatkit_configuration?: ChatkitConfigurationParam;
}

/** The handler's options, checked once and with their defaults filled in. */
export interface HandlerConfig extends EndpointConfig {
  readonly apiKey: string | undefined;
  readonly workflow: WorkflowParam | ChatSessionWorkflowResolver;
  readonly overrides: SessionOverrides;
  readonly baseURL: string;
  readonly fetch: ChatKitFetch | undefined;
  readonly upstreamTimeoutMs: number;
}

const WORDS = { creator: 'createChatSessionHandler', thing: 'session', made: 'created' } as const;

const KNOWN = optionNames<ChatSessionHandlerOptions>({
  apiKey: true,
  workflow: true,
  resolveUser: true,
  allowedOrigins: true,
  expiresAfterSeconds: true,
  rateLimits: true,
  chatkitConfiguration: true,
  baseURL: true,
  fetch: true,
  maxBodyBytes: true,
  upstreamTimeoutMs: true,
  onError: true,
  userBudget: true,
  now: true,
});
// The token handler's name for the lifetime.
const RELATED = { lifetimeSeconds: 'expiresAfterSeconds' };

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
 * @throws {TypeError} When an option is unknown or malformed, or the fixed parts of the body break OpenAI's rules.
 */
export function resolveHandlerConfig(options: ChatSessionHandlerOptions): HandlerConfig {
  assertKnownOptions(WORDS.creator, options, KNOWN, RELATED);
  const redact = (text: string) => redactSecrets(text, options.apiKey);
  // OpenAI's default lifetime when the option is missing; a malformed one fails in checkOverrides below.
  const endpoint = resolveEndpointConfig(options, WORDS, redact, options.expiresAfterSeconds ?? 600);
  if (typeof options.workflow !== 'function' && typeof options.workflow !== 'object') {
    throw new TypeError('createChatSessionHandler needs workflow: { id: "wf_…" } or a function that returns one.');
  }
  const overrides = readOverrides(options);
  checkOverrides(options.workflow, overrides);
  return {
    ...endpoint,
    apiKey: options.apiKey,
    workflow: options.workflow,
    overrides,
    baseURL: options.baseURL ?? OPENAI_API_BASE_URL,
    fetch: options.fetch,
    upstreamTimeoutMs: positiveNumber(WORDS.creator, 'upstreamTimeoutMs', options.upstreamTimeoutMs, 10_000),
  };
}
