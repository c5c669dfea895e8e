import type { ChatSessionResource } from '../src/index.js';

/** One scripted answer of the test backend instead of a session. */
export type TestFault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'network' }
  | { kind: 'hang' }
  | { kind: 'session'; patch: Record<string, unknown> }
  | { kind: 'body'; body: string; contentType: string };

/**
 * A session backend for controller tests: it answers `fetchSession` with real `Response` objects carrying the
 * server's `Date`, after a latency on the fake timers, and follows a script of faults. It runs on the true (fake)
 * time, so a client clock error in the environment does not reach it.
 */
/** A valid active session, for tests that need one without a backend. */
export const sessionFixture: ChatSessionResource = {
  id: 'cksess_fixture',
  object: 'chatkit.session',
  expires_at: 1_800_000_000,
  client_secret: 'ek_fixture',
  workflow: { id: 'wf_test', version: null, state_variables: null, tracing: { enabled: true } },
  user: 'user_test',
  rate_limits: { max_requests_per_1_minute: 10 },
  max_requests_per_1_minute: 10,
  status: 'active',
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true },
    file_upload: { enabled: false, max_file_size: null, max_files: null },
    history: { enabled: true, recent_threads: null },
  },
};

export function createTestBackend({ lifetimeSeconds = 600, latencyMs = 50 } = {}) {
  const faults: TestFault[] = [];
  const issued: { secret: string; expiresAtMs: number }[] = [];
  const reasons: string[] = [];
  let requests = 0;
  let fail: (() => TestFault | undefined) | undefined;

  const session = (id: number, nowMs: number): ChatSessionResource => ({
    ...sessionFixture,
    id: `cksess_${id}`,
    expires_at: Math.floor(nowMs / 1000) + lifetimeSeconds,
    client_secret: `ek_test_${id}`,
  });

  const answer = (fault: TestFault | undefined, id: number): Response => {
    const now = Date.now();
    const headers = { date: new Date(now).toUTCString(), 'x-request-id': `req_${id}` };
    if (!fault || fault.kind === 'session') {
      const body = { ...session(id, now), ...(fault?.kind === 'session' ? fault.patch : {}) };
      if (!fault) issued.push({ secret: body.client_secret, expiresAtMs: body.expires_at * 1000 });
      return Response.json(body, { headers });
    }
    if (fault.kind === 'body')
      return new Response(fault.body, { headers: { ...headers, 'content-type': fault.contentType } });
    if (fault.kind === 'status') {
      return new Response(fault.body ?? JSON.stringify({ error: { message: `failure ${fault.status}` } }), {
        status: fault.status,
        headers: { ...headers, ...fault.headers },
      });
    }
    throw new Error(`unexpected fault ${fault.kind}`);
  };

  const fetchSession = ({ signal, reason }: { signal: AbortSignal; reason: string }): Promise<Response> => {
    requests += 1;
    reasons.push(reason);
    const id = requests;
    const fault = faults.shift() ?? fail?.();
    return new Promise((resolve, reject) => {
      if (fault?.kind === 'hang') return;
      const timer = setTimeout(() => {
        if (fault?.kind === 'network') reject(new TypeError('Failed to fetch'));
        else resolve(answer(fault, id));
      }, latencyMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
  };

  return {
    fetchSession,
    /** Queues faults for the next requests, in order. */
    script(...next: TestFault[]) {
      faults.push(...next);
    },
    /** Decides a fault (or none) for each request after the script runs out. */
    failWith(decide: () => TestFault | undefined) {
      fail = decide;
    },
    get requests() {
      return requests;
    },
    reasons,
    /** The true expiry of a secret this backend issued, in true epoch milliseconds. */
    expiryOf(secret: string): number | undefined {
      return issued.find((entry) => entry.secret === secret)?.expiresAtMs;
    },
  };
}
