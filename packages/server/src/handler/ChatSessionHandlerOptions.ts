import type { ChatkitConfigurationParam, RateLimitsParam, WorkflowParam } from '@chatkit-session/core';
import type { ChatKitFetch } from '../openai/sendChatKitRequest.js';
import type { ChatKitEndpointOptions } from './ChatKitEndpointOptions.js';

/** The session endpoint: takes the browser's request and answers with a session or a JSON error. */
export type ChatSessionHandler = (request: Request) => Promise<Response>;

/** Decides which workflow a signed-in user's session runs. */
export type ChatSessionWorkflowResolver = (request: Request, user: string) => WorkflowParam | Promise<WorkflowParam>;

/** How `createChatSessionHandler` mints sessions and whom it serves. */
export interface ChatSessionHandlerOptions extends ChatKitEndpointOptions {
  /**
   * Your OpenAI API key. It is checked on each request, so a build without the variable does not crash; when it
   * is missing the endpoint answers 500 and reports why. Defaults to `undefined`, which is that error.
   */
  readonly apiKey: string | undefined;
  /**
   * The workflow every session runs, or a function of the request and the signed-in user that picks one. The
   * browser can never choose it. Required: there is no default.
   */
  readonly workflow: WorkflowParam | ChatSessionWorkflowResolver;
  /** Lifetime of each session in seconds, 1 to 600. Defaults to `undefined`, which OpenAI reads as `600`. */
  readonly expiresAfterSeconds?: number | undefined;
  /** Per-minute request limit of each session. Defaults to `undefined`, which OpenAI reads as 10 requests. */
  readonly rateLimits?: RateLimitsParam | undefined;
  /** ChatKit features of each session (history, uploads, titling). Defaults to `undefined`: OpenAI's defaults. */
  readonly chatkitConfiguration?: ChatkitConfigurationParam | undefined;
  /** The API's base URL, up to and including `/v1`, such as a mock's. Defaults to `https://api.openai.com/v1`. */
  readonly baseURL?: string | undefined;
  /** The function that calls OpenAI, such as `createMockChatKitApi().fetch`. Defaults to `globalThis.fetch`. */
  readonly fetch?: ChatKitFetch | undefined;
  /** How long to wait for OpenAI before answering 504, in milliseconds. Defaults to `10000`. */
  readonly upstreamTimeoutMs?: number | undefined;
  /**
   * The clock of the `Date` header on error answers, and on a session when OpenAI's answer had no `Date` (a
   * session's `Date` is OpenAI's, the clock its `expires_at` is on), and of the in-memory user budget's windows, in
   * epoch milliseconds. Defaults to `Date.now`.
   */
  readonly now?: (() => number) | undefined;
}
