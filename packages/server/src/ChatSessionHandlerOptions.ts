import type { ChatkitConfigurationParam, RateLimitsParam, WorkflowParam } from '@chatkit-session/core';
import type { ChatKitFetch } from './sendChatKitRequest.js';

/** The session endpoint: takes the browser's request and answers with a session or a JSON error. */
export type ChatSessionHandler = (request: Request) => Promise<Response>;

/** Decides which workflow a signed-in user's session runs. */
export type ChatSessionWorkflowResolver = (request: Request, user: string) => WorkflowParam | Promise<WorkflowParam>;

/** Decides who is asking, from the request (a cookie, a header); `null` means nobody is signed in. */
export type ChatSessionUserResolver = (
  request: Request,
) => string | null | undefined | Promise<string | null | undefined>;

/** Who caused an error answer: the browser's request, OpenAI (or the way to it), or the server's own setup. */
export type ChatSessionErrorSource = 'client' | 'upstream' | 'server';

/** What the session endpoint reports each time it answers with an error. */
export interface ChatSessionHandlerErrorEvent {
  /** The status the browser got. */
  readonly status: number;
  /** A stable code such as `invalid_json`, `unknown_field`, `upstream_timeout` or `workflow_not_found`. */
  readonly code: string;
  /** The message the browser got; it never contains the API key. */
  readonly message: string;
  /** Who caused it. */
  readonly source: ChatSessionErrorSource;
  /** OpenAI's `x-request-id`, when OpenAI answered. */
  readonly requestId: string | null;
  /** The `reason` the browser gave for asking (`initial`, `scheduled`, `retry`…), when it got that far. */
  readonly reason: string | null;
  /** The error behind the answer (a `ChatKitApiError`, a network error, what `resolveUser` threw), if any. */
  readonly error?: unknown;
}

/** How `createChatSessionHandler` mints sessions and whom it serves. */
export interface ChatSessionHandlerOptions {
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
  /**
   * Tells who is signed in; the string becomes the session's `user`, which ties history across sessions, so keep
   * it stable. `null`, `undefined` or `''` answers 401. The browser can never choose it. Required: there is no
   * default.
   */
  readonly resolveUser: ChatSessionUserResolver;
  /**
   * Origins (`https://app.example.com`) allowed to call the endpoint; a request whose `Origin` header is present
   * and not listed gets 403. Defaults to `undefined`, which checks no origin.
   */
  readonly allowedOrigins?: readonly string[] | undefined;
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
  /** The largest request body accepted, in bytes; a larger one gets 413 unread. Defaults to `16384`. */
  readonly maxBodyBytes?: number | undefined;
  /** How long to wait for OpenAI before answering 504, in milliseconds. Defaults to `10000`. */
  readonly upstreamTimeoutMs?: number | undefined;
  /**
   * Called for every error answer, with nothing secret in it. Defaults to one `console.error` line for upstream
   * and server errors (not for the browser's own bad requests).
   */
  readonly onError?: ((event: ChatSessionHandlerErrorEvent) => void) | undefined;
  /**
   * The clock of the `Date` header on error answers, and on a session when OpenAI's answer had no `Date` (a
   * session's `Date` is OpenAI's, the clock its `expires_at` is on), in epoch milliseconds. Defaults to `Date.now`.
   */
  readonly now?: (() => number) | undefined;
}
