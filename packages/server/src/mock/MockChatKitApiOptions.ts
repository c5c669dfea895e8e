import type { ChatSessionResource } from '@chatkit-session/core';

/**
 * A failure the mock API plays instead of answering a create-session call; each is used once, in order.
 *
 * `network` rejects like a dropped connection, `status` answers a 5xx, `rate_limit` a 429 with `Retry-After`,
 * `workflow_not_found` the 404 of a key from another project, `unauthorized` the 401 of a bad key, and `hang`
 * never answers until the request is aborted.
 */
export type MockChatKitFailure =
  | { readonly kind: 'network' }
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 }
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'workflow_not_found' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'hang' };

/** One request the mock API received. */
export interface MockChatKitCall {
  /** The HTTP method, such as `POST`. */
  readonly method: string;
  /** The URL's path, such as `/v1/chatkit/sessions`. */
  readonly path: string;
  /** Which endpoint it reached, or `null` for an unknown path. */
  readonly endpoint: 'create' | 'cancel' | null;
  /** The status answered, or `null` while pending and when no answer came (`network`, an aborted `hang`). */
  readonly status: number | null;
  /** When it arrived, by the mock's `now()` (without the clock offset), in epoch milliseconds. */
  readonly time: number;
  /** The scripted failure it consumed, or `null`. */
  readonly failure: MockChatKitFailure['kind'] | null;
}

/** The knobs of the mock API that can change while it runs. */
export interface MockChatKitApiSettings {
  /** Lifetime of every new session in seconds, overriding the body's `expires_after`. Defaults to `undefined`. */
  readonly lifetimeSeconds?: number | undefined;
  /** How long each answer takes, in milliseconds; an abort of the request cuts it short. Defaults to `0`. */
  readonly latencyMs?: number | undefined;
  /** How far the mock server's clock is ahead (or behind, when negative), in ms. Defaults to `0`. */
  readonly clockOffsetMs?: number | undefined;
  /** Workflow ids that exist; any other gets OpenAI's 404. Defaults to `undefined`, where every workflow exists. */
  readonly workflows?: readonly string[] | undefined;
  /** The only API key accepted; any other gets OpenAI's 401. Defaults to `undefined`, where any key is accepted. */
  readonly apiKey?: string | undefined;
}

/** How `createMockChatKitApi` starts. */
export interface MockChatKitApiOptions extends MockChatKitApiSettings {
  /** The base URL whose path the mock serves (any host is accepted). Defaults to `https://api.openai.com/v1`. */
  readonly baseURL?: string | undefined;
  /** Failures to play on the next create-session calls, one per call. Defaults to `[]`. */
  readonly failures?: readonly MockChatKitFailure[] | undefined;
  /** The clock, in epoch milliseconds; inject one to use fake timers. Defaults to `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** An in-memory imitation of OpenAI's two ChatKit session endpoints. */
export interface MockChatKitApi {
  /** Answers a request like OpenAI would; pass it as the `fetch` option of the handler or the client calls. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Every request received, oldest first. */
  readonly calls: readonly MockChatKitCall[];
  /** The scripted failures not played yet. */
  readonly pendingFailures: readonly MockChatKitFailure[];
  /** Every session created, by id, with its current status. */
  readonly sessions: ReadonlyMap<string, ChatSessionResource>;
  /** Queues failures for the next create-session calls, one per call. */
  fail(...failures: MockChatKitFailure[]): void;
  /** Changes knobs for the requests that follow. */
  configure(settings: MockChatKitApiSettings): void;
  /** Forgets calls, sessions and pending failures. */
  reset(): void;
}
