import type { ChatSessionResource, FetchSessionContext } from '../src/index.js';
import { sessionFixture, type TestFault } from './createTestBackend.js';

/** The timers a backend waits its latency on; the global ones unless a test drives its own. */
export interface BackendTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What happened to one request, for a test's trace. */
export type SkewedBackendEvent =
  | { type: 'sent'; request: number; reason: string; fault: TestFault | undefined }
  | { type: 'minted'; request: number; secret: string; trueExpiresAtMs: number }
  | { type: 'failed'; request: number; fault: TestFault }
  | { type: 'aborted'; request: number };

export interface SkewedBackendOptions {
  /** The lifetime of each session, in seconds. Defaults to `600`. */
  lifetimeSeconds?: number;
  /**
   * How far the server's clock (its `Date` header and `expires_at`) is ahead of true time, in milliseconds; negative
   * when it is behind. Defaults to `0`.
   */
  serverClockOffsetMs?: number;
  /** The latency of each request (numbered from 1), in milliseconds. Defaults to `50`. */
  latencyMs?: number | ((request: number) => number);
  /** The fault of each request (numbered from 1), or `undefined` for a session. Defaults to none. */
  faultOf?: (request: number) => TestFault | undefined;
  /** The timers to wait the latency on. Defaults to the global ones (Vitest's fake timers in tests). */
  timers?: BackendTimers;
  /** Called with each request's events. */
  onEvent?: (event: SkewedBackendEvent) => void;
}

const globalTimers: BackendTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Creates a session backend whose clock is off by `serverClockOffsetMs`: it answers `fetchSession` with real
 * `Response`s whose `Date` header and `expires_at` are on the server's clock, and knows each secret's true expiry.
 * Requests run on the true (fake) time: a client clock error or a client's sleep does not reach the server.
 *
 * @param options Lifetime, server clock error, latency and faults.
 * @returns The backend.
 * @example
 * const backend = createSkewedBackend({ lifetimeSeconds: 20, serverClockOffsetMs: -HOUR });
 * createChatSessionController({ fetchSession: backend.fetchSession });
 */
export function createSkewedBackend({
  lifetimeSeconds = 600,
  serverClockOffsetMs = 0,
  latencyMs = 50,
  faultOf = () => undefined,
  timers = globalTimers,
  onEvent = () => {},
}: SkewedBackendOptions = {}) {
  const trueExpiries = new Map<string, number>();
  let requests = 0;
  /** When each open request was sent, in true time. */
  const open = new Map<number, number>();

  const mint = (request: number, fault: TestFault | undefined): Response => {
    const serverNow = Date.now() + serverClockOffsetMs;
    const headers = { date: new Date(serverNow).toUTCString(), 'x-request-id': `req_${request}` };
    if (fault?.kind === 'status') {
      const body = fault.body ?? JSON.stringify({ error: { message: `failure ${fault.status}` } });
      return new Response(body, { status: fault.status, headers: { ...headers, ...fault.headers } });
    }
    if (fault?.kind === 'body') {
      return new Response(fault.body, { headers: { ...headers, 'content-type': fault.contentType } });
    }
    const session: ChatSessionResource = {
      ...sessionFixture,
      id: `cksess_${request}`,
      expires_at: Math.floor(serverNow / 1000) + lifetimeSeconds,
      client_secret: `ek_test_${request}`,
      ...(fault?.kind === 'session' ? fault.patch : {}),
    };
    if (!fault) {
      const trueExpiresAtMs = session.expires_at * 1000 - serverClockOffsetMs;
      trueExpiries.set(session.client_secret, trueExpiresAtMs);
      onEvent({ type: 'minted', request, secret: session.client_secret, trueExpiresAtMs });
    }
    return Response.json(session, { headers });
  };

  const fetchSession = ({ signal, reason }: FetchSessionContext): Promise<Response> => {
    requests += 1;
    const request = requests;
    open.set(request, Date.now());
    const fault = faultOf(request);
    onEvent({ type: 'sent', request, reason, fault });
    return new Promise<Response>((resolve, reject) => {
      const settle = () => open.delete(request);
      const timer =
        fault?.kind === 'hang'
          ? null
          : timers.setTimeout(
              () => {
                if (!settle()) return;
                if (fault?.kind === 'network') {
                  onEvent({ type: 'failed', request, fault });
                  reject(new TypeError('Failed to fetch'));
                  return;
                }
                if (fault && fault.kind !== 'session') onEvent({ type: 'failed', request, fault });
                resolve(mint(request, fault));
              },
              typeof latencyMs === 'function' ? latencyMs(request) : latencyMs,
            );
      const abort = () => {
        if (!settle()) return;
        if (timer !== null) timers.clearTimeout(timer);
        onEvent({ type: 'aborted', request });
        reject(signal.reason);
      };
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
    });
  };

  return {
    fetchSession,
    /** How many requests were sent. */
    get requests() {
      return requests;
    },
    /** How many requests are sent and not yet answered, failed or aborted. */
    get inFlight() {
      return open.size;
    },
    /** When the oldest open request was sent, in true epoch milliseconds, or `undefined` when none is open. */
    get inFlightSince(): number | undefined {
      return open.values().next().value;
    },
    /** The true expiry of a secret this backend issued, in true epoch milliseconds. */
    expiryOf(secret: string): number | undefined {
      return trueExpiries.get(secret);
    },
  };
}
