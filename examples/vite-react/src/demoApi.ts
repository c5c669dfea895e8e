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
