import { maskClientSecret } from '@chatkit-session/react';

/** One session request the page made, as the renewal timeline shows it. */
export interface RequestLogEntry {
  readonly id: number;
  /** Why the controller asked: `initial`, `scheduled`, `manual`, `retry`, `on-demand` or `wake`. */
  readonly reason: string;
  readonly startedAt: number;
  /** The HTTP status, or `null` while pending and when no answer came. */
  readonly status: number | null;
  /** The masked secret of the new session, on success. */
  readonly secret: string | null;
  /** The `x-request-id` of the answer, when it had one. */
  readonly requestId: string | null;
  /** What went wrong: the endpoint's message, or why no answer came. */
  readonly problem: string | null;
  readonly durationMs: number | null;
}

/** A list of the page's session requests that components can subscribe to. */
export interface RequestLog {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly RequestLogEntry[];
  /** Runs a session request and records its outcome; resolves or rejects like the request. */
  track(reason: string, request: () => Promise<Response>): Promise<Response>;
}

const MAX_ENTRIES = 50;
const PENDING = { status: null, secret: null, requestId: null, problem: null, durationMs: null } as const;

async function describeAnswer(response: Response) {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { client_secret?: unknown; error?: { message?: unknown } } | null;
  const secret = typeof body?.client_secret === 'string' ? maskClientSecret(body.client_secret) : null;
  const message = body?.error?.message;
  return { secret, problem: response.ok ? null : typeof message === 'string' ? message : response.statusText };
}

/**
 * Creates the page's log of session requests, fed by the `fetchSession` it gives the provider.
 *
 * @returns The log; newest entries first, at most 50.
 */
export function createRequestLog(): RequestLog {
  const listeners = new Set<() => void>();
  let entries: readonly RequestLogEntry[] = [];
  let nextId = 1;
  const update = (entry: RequestLogEntry) => {
    const others = entries.filter((other) => other.id !== entry.id);
    entries = [entry, ...others].sort((a, b) => b.id - a.id).slice(0, MAX_ENTRIES);
    for (const listener of listeners) listener();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => entries,
    async track(reason, request) {
      const started: RequestLogEntry = { ...PENDING, id: nextId++, reason, startedAt: Date.now() };
      update(started);
      const settle = (fields: Partial<RequestLogEntry>) =>
        update({ ...started, durationMs: Date.now() - started.startedAt, ...fields });
      try {
        const response = await request();
        const requestId = response.headers.get('x-request-id');
        settle({ status: response.status, requestId, ...(await describeAnswer(response)) });
        return response;
      } catch (error) {
        settle({ problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        throw error;
      }
    },
  };
}
