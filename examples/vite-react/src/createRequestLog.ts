import { maskClientSecret } from '@chatkit-session/react';

/** One request the page made, as the request log shows it. */
export interface RequestLogEntry {
  readonly id: number;
  /** The path it went to: the session or token endpoint, or the ChatKit server. */
  readonly route: string;
  /**
   * Why it was sent: for a session or token, the controller's reason (`initial`, `scheduled`, `manual`, `retry`,
   * `on-demand` or `wake`); for the ChatKit server, `message` or `replay` (the same request sent again after a 401).
   */
  readonly reason: string;
  readonly startedAt: number;
  /** The HTTP status, or `null` while pending and when no answer came. */
  readonly status: number | null;
  /** Masked: the new session's or token's secret on success, or the token a ChatKit request carried. */
  readonly secret: string | null;
  /** The `x-request-id` of the answer, when it had one. */
  readonly requestId: string | null;
  /** What went wrong: the endpoint's error code and message, or why no answer came. */
  readonly problem: string | null;
  readonly durationMs: number | null;
}

/** What the log shows of an answer. */
export type AnswerSummary = Pick<RequestLogEntry, 'secret' | 'problem'>;

/** A list of the page's requests that components can subscribe to. */
export interface RequestLog {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly RequestLogEntry[];
  /**
   * Runs a request and records its outcome; resolves or rejects like the request.
   *
   * @param request Where it goes and why.
   * @param send Sends it.
   * @param describe What to show of the answer. Defaults to the masked `client_secret` or the error's message.
   */
  track(
    request: Pick<RequestLogEntry, 'route' | 'reason'>,
    send: () => Promise<Response>,
    describe?: (response: Response) => Promise<AnswerSummary>,
  ): Promise<Response>;
}

const MAX_ENTRIES = 50;
const PENDING = { status: null, secret: null, requestId: null, problem: null, durationMs: null } as const;

/**
 * Reads the JSON body of an answer without consuming it.
 *
 * @param response The answer.
 * @returns The body, or `null` when it is not JSON.
 */
export async function peekJson(
  response: Response,
): Promise<{ client_secret?: unknown; error?: { message?: unknown; code?: unknown } } | null> {
  return response
    .clone()
    .json()
    .catch(() => null);
}

async function describeSessionAnswer(response: Response): Promise<AnswerSummary> {
  const body = await peekJson(response);
  const secret = typeof body?.client_secret === 'string' ? maskClientSecret(body.client_secret) : null;
  const message = body?.error?.message;
  return { secret, problem: response.ok ? null : typeof message === 'string' ? message : response.statusText };
}

/**
 * Creates the page's log of requests, fed by the `fetchSession` it gives the provider (and, in custom-backend mode,
 * by the requests to its ChatKit server).
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
    async track({ route, reason }, send, describe = describeSessionAnswer) {
      const started: RequestLogEntry = { ...PENDING, id: nextId++, route, reason, startedAt: Date.now() };
      update(started);
      const settle = (fields: Partial<RequestLogEntry>) =>
        update({ ...started, durationMs: Date.now() - started.startedAt, ...fields });
      try {
        const response = await send();
        const requestId = response.headers.get('x-request-id');
        settle({ status: response.status, requestId, ...(await describe(response)) });
        return response;
      } catch (error) {
        settle({ problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        throw error;
      }
    },
  };
}
