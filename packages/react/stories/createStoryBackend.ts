import { createChatSessionHandler } from '@chatkit-session/server';
import { createMockChatKitApi, type MockChatKitApi } from '@chatkit-session/server/mock';
import { HttpResponse, http } from 'msw';
import type { StoryClock } from './createStoryClock.js';
import { parseFailureScript } from './parseFailureScript.js';

/** Where the stories' app asks for sessions, as a real app would. */
export const SESSION_ENDPOINT = '/api/chatkit/session';
/** Which story's backend a request is for: every story of a docs page runs at once, each with its own backend. */
export const STORY_BACKEND_HEADER = 'x-storybook-backend';
/** Who is signed in, as the app's cookie would tell the real handler; the switching-users story sets it. */
export const STORY_USER_HEADER = 'x-storybook-user';
/** Which request of the story's app this is, on the story clock (see `StoryClock.beginWork`). */
export const STORY_WORK_HEADER = 'x-storybook-work';

/** The knobs of the mock ChatKit API behind the real handler. */
export interface StoryBackendOptions {
  /** Lifetime of every new session, in seconds. */
  readonly lifetimeSeconds: number;
  /** How long the mock ChatKit API takes to answer, in milliseconds. */
  readonly latencyMs: number;
  /** How far the mock ChatKit API's clock is ahead of the story clock (the true time), in seconds. */
  readonly upstreamClockOffsetSeconds: number;
  /** The failure script (see `parseFailureScript`). */
  readonly failureScript: string;
}

/** One request the story's app made to its session endpoint, as the backend saw it. */
export interface StoryRequest {
  readonly number: number;
  /** The `reason` the browser sent (`initial`, `scheduled`, `retry`, `wake`, `on-demand`, `manual`). */
  readonly reason: string | null;
  readonly user: string;
  /** When it arrived, on the story clock (epoch milliseconds). */
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** `pending`, `session` (200), `error` (an error answer) or `offline` (the device had no network). */
  readonly outcome: 'pending' | 'session' | 'error' | 'offline';
  readonly status: number | null;
  readonly secret: string | null;
  /** When the session expires, on the story clock (epoch milliseconds). */
  readonly expiresAt: number | null;
  readonly message: string | null;
}

/** What the story panels show of the backend; a new object after every change. */
export interface StoryBackendSnapshot {
  /** Create-session calls the mock ChatKit API received (from `mock.calls`). */
  readonly upstreamCalls: number;
  /** Requests the app made to its session endpoint, oldest first. */
  readonly requests: readonly StoryRequest[];
  readonly offline: boolean;
}

/** The real session handler in front of a mock ChatKit API, for one story. */
export interface StoryBackend {
  readonly id: string;
  readonly mock: MockChatKitApi;
  /** The real handler, `createChatSessionHandler(…)`, calling the mock instead of OpenAI. */
  readonly handler: (request: Request) => Promise<Response>;
  /** The story clock: the mock's `Date` and `expires_at`, its latency and the request log run on it. */
  readonly clock: StoryClock;
  /** When the story started, on the story clock. */
  readonly startedAt: number;
  /** Applies changed controls: knobs at once, a new failure script queued for the next calls. */
  configure(options: StoryBackendOptions): void;
  /** Makes the endpoint unreachable (as without a network) or reachable again. */
  setOffline(offline: boolean): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): StoryBackendSnapshot;
}

/** A backend with the function MSW hands its requests to. */
interface RegisteredBackend extends StoryBackend {
  serve(request: Request): Promise<Response>;
}

const backends = new Map<string, RegisteredBackend>();
const MAX_BACKENDS = 200;
let created = 0;

async function readReason(request: Request): Promise<string | null> {
  try {
    const body = (await request.clone().json()) as { reason?: unknown };
    return typeof body.reason === 'string' ? body.reason : null;
  } catch {
    return null;
  }
}

async function readAnswer(response: Response) {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as {
    client_secret?: string;
    expires_at?: number;
    error?: { message?: string };
  } | null;
  return { secret: body?.client_secret ?? null, expiresAtSeconds: body?.expires_at ?? null, body };
}

/**
 * Creates a story's backend: the real `createChatSessionHandler` with a mock ChatKit API as its `fetch`, and a log of
 * every request for the story panels. MSW routes the story's requests to it (see `sessionEndpointHandler`). Its
 * clocks are the story clock: the mock's `Date` header and `expires_at`, the handler's `Date`, the mock's latency
 * (waited on the story clock, so a slow machine never makes a session older) and the times of the request log.
 *
 * @param options The mock's knobs and failure script.
 * @param clock The story clock.
 * @returns The backend.
 */
export function createStoryBackend(options: StoryBackendOptions, clock: StoryClock): StoryBackend {
  const listeners = new Set<() => void>();
  // The mock answers at once: its own latency would wait on the real clock; the latency is waited below instead.
  const mock = createMockChatKitApi({
    lifetimeSeconds: options.lifetimeSeconds,
    latencyMs: 0,
    clockOffsetMs: options.upstreamClockOffsetSeconds * 1000,
    now: clock.now,
  });
  // Played one step per create-session call; a failure step is handed to the mock just before the call it hits.
  const script = parseFailureScript(options.failureScript);
  let applied = options;
  let offline = false;
  const requests: StoryRequest[] = [];
  let snapshot: StoryBackendSnapshot = { upstreamCalls: 0, requests: [], offline };
  const notify = () => {
    const upstreamCalls = mock.calls.filter((call) => call.endpoint === 'create').length;
    snapshot = { upstreamCalls, requests: [...requests], offline };
    for (const listener of [...listeners]) listener();
  };
  const handler = createChatSessionHandler({
    apiKey: 'sk-storybook-mock',
    resolveUser: (request) => request.headers.get(STORY_USER_HEADER) || 'storybook-user',
    workflow: { id: 'wf_storybook' },
    // Stories show a session's own states on short lifetimes; the per-user mint budget has tests of its own.
    userBudget: false,
    now: clock.now,
    fetch: async (input, init) => {
      const step = script.shift();
      if (step && step.kind !== 'ok') mock.fail(step);
      const answer = mock.fetch(input, init);
      notify(); // The call is in `mock.calls` as soon as it is made.
      try {
        return await answer;
      } finally {
        notify();
      }
    },
    // The error answers are in the request log; the default would print each to the console.
    onError: () => {},
  });
  const record = (index: number, patch: Partial<StoryRequest>) => {
    requests[index] = { ...(requests[index] as StoryRequest), ...patch, finishedAt: clock.now() };
    notify();
  };

  /**
   * Serves one request of the story's app: the real handler after the mock's latency (on the story clock), or no
   * answer at all while offline.
   */
  const serve = async (request: Request): Promise<Response> => {
    const reason = await readReason(request);
    const index = requests.length;
    requests.push({
      number: index + 1,
      reason,
      user: request.headers.get(STORY_USER_HEADER) || 'storybook-user',
      startedAt: clock.now(),
      finishedAt: null,
      outcome: 'pending',
      status: null,
      secret: null,
      expiresAt: null,
      message: null,
    });
    notify();
    if (offline) {
      record(index, { outcome: 'offline', message: 'No network: the request never left the device.' });
      return HttpResponse.error();
    }
    // The mock ChatKit API's time to answer, on the story clock: parked there, the request is no real work that the
    // play function's settle waits for. An abort ends the wait; the handler then answers as it does to a client gone.
    if (applied.latencyMs > 0) {
      const wait = clock.sleep(applied.latencyMs, request.signal);
      await clock.park(request.headers.get(STORY_WORK_HEADER), wait).catch(() => {});
    }
    const response = await handler(request);
    const { secret, expiresAtSeconds, body } = await readAnswer(response);
    const upstreamOffsetMs = applied.upstreamClockOffsetSeconds * 1000;
    record(index, {
      outcome: response.ok ? 'session' : 'error',
      status: response.status,
      secret,
      expiresAt: expiresAtSeconds === null ? null : expiresAtSeconds * 1000 - upstreamOffsetMs,
      message: body?.error?.message ?? null,
    });
    return response;
  };

  created += 1;
  const backend: RegisteredBackend = {
    id: `story-backend-${created}`,
    mock,
    handler,
    clock,
    startedAt: clock.now(),
    configure(next) {
      mock.configure({
        lifetimeSeconds: next.lifetimeSeconds,
        clockOffsetMs: next.upstreamClockOffsetSeconds * 1000,
      });
      if (next.failureScript !== applied.failureScript) {
        script.splice(0, script.length, ...parseFailureScript(next.failureScript));
      }
      applied = next;
    },
    setOffline(value) {
      offline = value;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    serve,
  };

  backends.set(backend.id, backend);
  if (backends.size > MAX_BACKENDS) backends.delete(backends.keys().next().value ?? '');
  return backend;
}

/**
 * Returns whom the backend minted a secret for, from its request log.
 *
 * @param snapshot The backend's snapshot.
 * @param secret A client secret.
 * @returns The user it was minted for, or `null` when the backend never handed it out.
 */
export function mintedFor(snapshot: StoryBackendSnapshot, secret: string | null): string | null {
  return secret === null ? null : (snapshot.requests.find((request) => request.secret === secret)?.user ?? null);
}

/**
 * The MSW handler of the session endpoint: hands each request to the real handler of the story that made it.
 * It is the same for every story, so the stories of a docs page, which run at once, never take each other's requests.
 */
export const sessionEndpointHandler = http.post(SESSION_ENDPOINT, ({ request }) => {
  const backend = backends.get(request.headers.get(STORY_BACKEND_HEADER) ?? '');
  if (!backend) {
    return HttpResponse.json(
      { error: { message: 'No story backend answers this request.', type: 'server_error' } },
      { status: 503 },
    );
  }
  return backend.serve(request);
});
