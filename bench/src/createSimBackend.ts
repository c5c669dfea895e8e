import { createRandom } from './createRandom.js';
import type { SimClock } from './createSimClock.js';

/** The faults every strategy meets at the same moments of the simulated day, in true time. */
export interface SimFaultPlan {
  /** The share of `transientSlotMs` slots in which every request fails (network error, 500 or 503). */
  readonly transientRate: number;
  /** The length of one slot of transient failures, in milliseconds. */
  readonly transientSlotMs: number;
  /** The seed that picks the failing slots. */
  readonly seed: number;
  /** A window in which every request is answered `429` with a `Retry-After`. */
  readonly rateLimited: { readonly fromMs: number; readonly toMs: number; readonly retryAfterSeconds: number };
}

/** A failed session request as an app's own fetch wrapper would throw it. */
export class SimHttpError extends Error {
  override readonly name = 'SimHttpError';
  constructor(
    /** The HTTP status, or `0` for a network error. */
    readonly status: number,
    /** The `Retry-After` in milliseconds, when sent. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(status === 0 ? 'Failed to fetch' : `The session endpoint answered ${status}.`);
  }
}

/** The fields of a session the hand-written strategies read. */
export interface MintedSession {
  readonly client_secret: string;
  readonly expires_at: number;
}

type Outcome = { kind: 'session' } | { kind: 'network' } | { kind: 'status'; status: number; retryAfter?: string };

/** Decides the fault of a request from its arrival time alone, so every strategy lives through the same day. */
function outcomeAt(trueMs: number, plan: SimFaultPlan): Outcome {
  const { rateLimited } = plan;
  if (trueMs >= rateLimited.fromMs && trueMs < rateLimited.toMs) {
    return { kind: 'status', status: 429, retryAfter: String(rateLimited.retryAfterSeconds) };
  }
  const slot = Math.floor(trueMs / plan.transientSlotMs);
  const random = createRandom((Math.imul(plan.seed, 0x9e3779b1) + slot) >>> 0);
  if (random() >= plan.transientRate) return { kind: 'session' };
  const pick = random();
  return pick < 1 / 3 ? { kind: 'network' } : { kind: 'status', status: pick < 2 / 3 ? 503 : 500 };
}

function sessionJson(id: number, trueMs: number, lifetimeSeconds: number) {
  return {
    id: `cksess_${id}`,
    object: 'chatkit.session',
    expires_at: Math.floor(trueMs / 1000) + lifetimeSeconds,
    client_secret: `ek_sim_${id}`,
    workflow: { id: 'wf_bench', version: null, state_variables: null, tracing: { enabled: true } },
    user: 'user_bench',
    rate_limits: { max_requests_per_1_minute: 10 },
    max_requests_per_1_minute: 10,
    status: 'active',
    chatkit_configuration: {
      automatic_thread_titling: { enabled: true },
      file_upload: { enabled: false, max_file_size: null, max_files: null },
      history: { enabled: true, recent_threads: null },
    },
  };
}

/**
 * Creates the app's session endpoint on a simulated clock: it answers after a latency, in true time (its `Date`
 * header is right even when the client's clock is not), and fails by the fault plan.
 *
 * @param clock The simulated clock.
 * @param options The session lifetime, the latency and the fault plan (`null` or none by default: no faults).
 * @returns `fetchSession` for our controller (fetch-`Response`-shaped answers), `mint` for hand-written strategies.
 */
export function createSimBackend(
  clock: SimClock,
  {
    lifetimeSeconds = 600,
    latencyMs = 200,
    faults,
  }: { lifetimeSeconds?: number; latencyMs?: number; faults?: SimFaultPlan | null },
) {
  const expiries = new Map<string, number>();
  let requests = 0;

  const answer = (signal?: AbortSignal) => {
    requests += 1;
    const id = requests;
    const arrivedMs = clock.trueNow();
    const outcome: Outcome = faults ? outcomeAt(arrivedMs, faults) : { kind: 'session' };
    return new Promise<ResponseLike>((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        if (outcome.kind === 'network') return reject(new TypeError('Failed to fetch'));
        const headers: Record<string, string> = {
          date: new Date(clock.trueNow()).toUTCString(),
          'x-request-id': `req_${id}`,
          'content-type': 'application/json',
        };
        if (outcome.kind === 'status') {
          if (outcome.retryAfter) headers['retry-after'] = outcome.retryAfter;
          return resolve(responseLike(outcome.status, headers, '{"error":{"message":"failed"}}'));
        }
        const body = sessionJson(id, arrivedMs, lifetimeSeconds);
        expiries.set(body.client_secret, body.expires_at * 1000);
        resolve(responseLike(200, headers, JSON.stringify(body)));
      }, latencyMs);
      signal?.addEventListener('abort', () => {
        clock.clearTimeout(timer);
        reject(signal.reason);
      });
    });
  };

  return {
    /** Our controller's `fetchSession`: returns the `Response`, as the README tells users to. */
    fetchSession: ({ signal }: { signal: AbortSignal }) => answer(signal),
    /** What the hand-written strategies call: `fetch`, throw unless ok, return the JSON. */
    async mint(): Promise<MintedSession> {
      const response = await answer().catch(() => {
        throw new SimHttpError(0, undefined);
      });
      if (!response.ok) {
        const retryAfter = response.headers.get('retry-after');
        throw new SimHttpError(response.status, retryAfter ? Number(retryAfter) * 1000 : undefined);
      }
      return JSON.parse(await response.text()) as MintedSession;
    },
    /** How many session requests arrived. */
    get requests() {
      return requests;
    },
    /** The true expiry of a secret this backend issued, in epoch milliseconds. */
    expiryOf: (secret: string) => expiries.get(secret),
  };
}

interface ResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

function responseLike(status: number, headers: Record<string, string>, body: string): ResponseLike {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: async () => body,
  };
}

/** A backend made by `createSimBackend`. */
export type SimBackend = ReturnType<typeof createSimBackend>;
