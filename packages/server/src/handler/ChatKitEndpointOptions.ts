import type { UserBudgetOptions } from '../budget/UserBudgetOptions.js';

/** Decides who is asking, from the request (a cookie, a header); `null` means nobody is signed in. */
export type ChatSessionUserResolver = (
  request: Request,
) => string | null | undefined | Promise<string | null | undefined>;

/** Who caused an error answer: the browser's request, OpenAI (or the way to it), or the server's own setup. */
export type ChatSessionErrorSource = 'client' | 'upstream' | 'server';

/** What an endpoint of this package (the session handler, the token handler) reports each time it answers an error. */
export interface ChatKitEndpointErrorEvent {
  /** The status the browser got. */
  readonly status: number;
  /** A stable code such as `invalid_json`, `unknown_field`, `upstream_timeout` or `workflow_not_found`. */
  readonly code: string;
  /** The message the browser got; it never contains the API key or the token secret. */
  readonly message: string;
  /** Who caused it. */
  readonly source: ChatSessionErrorSource;
  /** OpenAI's `x-request-id`, when OpenAI answered; always `null` for the token handler. */
  readonly requestId: string | null;
  /** The `reason` the browser gave for asking (`initial`, `scheduled`, `retry`…), when it got that far. */
  readonly reason: string | null;
  /** The error behind the answer (a `ChatKitApiError`, a network error, what `resolveUser` threw), if any. */
  readonly error?: unknown;
}

/** What the session endpoint reports each time it answers with an error: the same event as every endpoint's. */
export type ChatSessionHandlerErrorEvent = ChatKitEndpointErrorEvent;

/** The options every endpoint of this package takes: whom it serves, from where, and how it reports. */
export interface ChatKitEndpointOptions {
  /**
   * Tells who is signed in; the string becomes the session's `user` (or the token's `sub`), which ties history
   * across sessions, so keep it stable. `null`, `undefined` or `''` answers 401. The browser can never choose it.
   * Required: there is no default.
   */
  readonly resolveUser: ChatSessionUserResolver;
  /**
   * Origins (`https://chat.example.com`) allowed to call the endpoint besides its own. Every other page's request
   * gets 403 `origin_not_allowed` before `resolveUser` runs: the browser's `Sec-Fetch-Site` must be `same-origin`
   * or `none`, or, from a browser that sends none, `Origin` must name the request's own host; a request with
   * neither header (a server, curl) passes. `'*'` turns the check off, for an endpoint whose `resolveUser` reads no
   * cookie. Defaults to `undefined`: the endpoint's own origin only.
   */
  readonly allowedOrigins?: readonly string[] | '*' | undefined;
  /** The largest request body accepted, in bytes; a larger one gets 413 unread. Defaults to `16384`. */
  readonly maxBodyBytes?: number | undefined;
  /**
   * Called for every error answer, with nothing secret in it. Defaults to one `console.error` line for upstream
   * and server errors (not for the browser's own bad requests).
   */
  readonly onError?: ((event: ChatKitEndpointErrorEvent) => void) | undefined;
  /**
   * The server's clock, in epoch milliseconds: the `Date` header of every answer it dates itself (and what a
   * token's `iat` and `exp` count from), and the in-memory user budget's windows. Defaults to `Date.now`.
   */
  readonly now?: (() => number) | undefined;
  /**
   * How many sessions (or tokens) one signed-in user may get per window, counted before anything is minted; past
   * it the endpoint answers 429 `user_budget_exceeded` with `Retry-After`, without calling OpenAI or signing. `false`
   * turns the budget off. Defaults to `{}`: 20 per lifetime of what the endpoint hands out, counted in memory.
   */
  readonly userBudget?: UserBudgetOptions | false | undefined;
}
