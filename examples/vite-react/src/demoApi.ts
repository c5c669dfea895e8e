/** What the dev server tells the page at `GET /api/demo/config`: which API it talks to, never a key. */
export interface DemoConfig {
  /** `mock` without configuration; `openai` with `OPENAI_API_KEY` and `CHATKIT_WORKFLOW_ID` set. */
  readonly mode: 'mock' | 'openai';
  /** The lifetime the server asks for each session, in seconds, or `null` for OpenAI's default (600). */
  readonly lifetimeSeconds: number | null;
}

/** What `GET /api/mock/calls` counts on the mock API since the dev server started. */
export interface MockCallCount {
  /** Create-session calls that minted a session. */
  readonly created: number;
  /** Create-session calls, failed ones included. */
  readonly attempted: number;
}

/** A failure the demo's buttons queue on the mock API for its next create-session call. */
export type DemoFailure =
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 }
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'workflow_not_found' }
  | { readonly kind: 'network' };

async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}.`);
  return (await response.json()) as T;
}

/** Fetches which API the dev server's session endpoint talks to. */
export async function fetchDemoConfig(): Promise<DemoConfig> {
  return readJson(await fetch('/api/demo/config'));
}

/** Fetches how many sessions the mock API has created. */
export async function fetchMockCalls(): Promise<MockCallCount> {
  return readJson(await fetch('/api/mock/calls'));
}

/** Queues a failure for the mock API's next create-session call. */
export async function injectMockFailure(failure: DemoFailure): Promise<void> {
  const response = await fetch('/api/mock/fail', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(failure),
  });
  if (!response.ok) throw new Error(`/api/mock/fail answered ${response.status}.`);
}

/** The hosted-mode session endpoint: the real `createChatSessionHandler`. */
export const SESSION_URL = '/api/chatkit/session';
/** The custom-backend token endpoint: the real `createChatKitTokenHandler`. */
export const TOKEN_URL = '/api/chatkit/token';
/** The demo's own ChatKit server (a mock that checks tokens with `verifyChatKitToken`): custom-backend mode's `url`. */
export const CHATKIT_URL = '/api/chatkit';

/** A message the chat stand-in sends to the demo's ChatKit server. */
export interface ChatMessage {
  /** Unique per message, so that a replay sends the very same body. */
  readonly id: string;
  readonly text: string;
}

/** What the demo's ChatKit server answers to a message whose token it accepted. */
export interface ChatReply {
  readonly id: string;
  /** The user the token was minted for. */
  readonly user: string;
  readonly text: string;
}

/** What `POST /api/demo/refuse-token` answers: the id (`jti`) of the token the server now refuses. */
export interface RefusedToken {
  readonly refused: string;
}

async function readAnswer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
  if (response.ok && body) return body as T;
  const code = body?.error?.code ? ` ${body.error.code}` : '';
  throw new Error(`The server answered ${response.status}${code}: ${body?.error?.message ?? response.statusText}`);
}

/**
 * Sends a message to the demo's ChatKit server with the `fetch` of `useChatKitCustomApi({ url, domainKey })`.
 *
 * @param api The custom-backend `api`: where to send, and the fetch that carries the token.
 * @param message The message.
 * @returns The server's reply.
 * @throws {Error} With the status, the error code and the server's message when it answers an error.
 */
export async function sendChatMessage(
  api: { readonly url: string; readonly fetch: typeof fetch },
  message: ChatMessage,
): Promise<ChatReply> {
  const body = JSON.stringify(message);
  return readAnswer(
    await api.fetch(api.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
  );
}

/**
 * Makes the demo's ChatKit server refuse a token from now on, as a revoked or rotated credential would be.
 *
 * @param token The token (the provider's current secret), sent as `Authorization: Bearer …`.
 * @returns The id of the refused token.
 */
export async function refuseToken(token: string): Promise<RefusedToken> {
  return readAnswer(
    await fetch('/api/demo/refuse-token', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }),
  );
}
