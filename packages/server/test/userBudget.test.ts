import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChatKitEndpointErrorEvent,
  type ChatKitTokenHandlerOptions,
  type ChatSessionHandlerOptions,
  createChatKitTokenHandler,
  createChatSessionHandler,
  createMemoryUserBudgetStore,
  type UserBudgetStore,
} from '../src/index.js';
import { createMockChatKitApi } from '../src/mock.js';
import { toNodeListener } from '../src/node.js';
import { type LocalServer, listen } from './listen.js';

// The per-user budget of both endpoints over real HTTP on 127.0.0.1, counted in memory on an injected clock.
const API_KEY = 'sk-proj-budgetTESTKEY5Rk8';
const TOKEN_SECRET = 'budget-test-token-secret-Vb3Nq8Xs1Lm6';
// An email as a user id: the kind of id that must not show up in an answer or a log line.
const USER = 'ada@example.com';
const OTHER_USER = 'grace@example.com';
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
let clock = T0;
const now = () => clock;
const mock = createMockChatKitApi({ apiKey: API_KEY });
const reports: string[] = [];
const servers: LocalServer[] = [];

const creates = () => mock.calls.filter((call) => call.endpoint === 'create').length;

// What both endpoints share here: who the user is, the clock, and the reports kept for the assertions.
const common = {
  resolveUser: (request: Request) => request.headers.get('x-test-user'),
  now,
  onError: (event: ChatKitEndpointErrorEvent) => {
    reports.push(JSON.stringify({ ...event, error: String(event.error) }));
  },
};

async function serve(handler: (request: Request) => Promise<Response>): Promise<LocalServer> {
  const server = await listen(toNodeListener(handler));
  servers.push(server);
  return server;
}

const serveSessions = (options: Partial<ChatSessionHandlerOptions> = {}) =>
  serve(
    createChatSessionHandler({
      apiKey: API_KEY,
      workflow: { id: 'wf_budget' },
      fetch: mock.fetch,
      ...common,
      ...options,
    }),
  );

const serveTokens = (options: Partial<ChatKitTokenHandlerOptions> = {}) =>
  serve(createChatKitTokenHandler({ secret: TOKEN_SECRET, ...common, ...options }));

async function mint(server: LocalServer, user = USER) {
  const response = await fetch(`${server.url}/api/chatkit/mint`, {
    method: 'POST',
    headers: { 'x-test-user': user },
    body: JSON.stringify({ reason: 'scheduled' }),
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    headers: response.headers,
    text,
    error: () => (JSON.parse(text) as { error: Record<string, unknown> }).error,
  };
}

async function mintTimes(server: LocalServer, times: number, user = USER): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < times; index += 1) statuses.push((await mint(server, user)).status);
  return statuses;
}

beforeEach(() => {
  clock = T0;
  reports.length = 0;
  mock.reset();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe.each([
  { endpoint: 'createChatSessionHandler', serve: serveSessions, thing: 'session' },
  { endpoint: 'createChatKitTokenHandler', serve: serveTokens, thing: 'token' },
])('$endpoint with a userBudget', ({ serve, thing }) => {
  it('answers 429 user_budget_exceeded with Retry-After when the user has had the limit in the window', async () => {
    const server = await serve({ userBudget: { limit: 3, windowSeconds: 60 } });
    expect(await mintTimes(server, 3)).toEqual([200, 200, 200]);
    clock = T0 + 20_500;
    const refused = await mint(server);
    expect(refused.status).toBe(429);
    // The window started at the first mint (T0) and lasts 60 s: 39.5 s are left, rounded up.
    expect(refused.retryAfter).toBe('40');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.headers.get('date')).toBe(new Date(clock).toUTCString());
    expect(refused.error()).toEqual({
      message: `Too many ChatKit ${thing}s for this user: the server allows 3 per 60 seconds (userBudget). Try again in 40 seconds.`,
      type: 'rate_limit_error',
      param: null,
      code: 'user_budget_exceeded',
    });
    expect(JSON.parse(reports.at(-1) ?? '{}')).toMatchObject({ status: 429, code: 'user_budget_exceeded' });
    expect([refused.text, ...reports].join('\n')).not.toContain(USER);
  });

  it('allows the next mint exactly when Retry-After has passed, and not a second before', async () => {
    const server = await serve({ userBudget: { limit: 2, windowSeconds: 60 } });
    await mintTimes(server, 2);
    clock = T0 + 45_000;
    const { retryAfter } = await mint(server);
    expect(retryAfter).toBe('15');
    clock = T0 + 45_000 + Number(retryAfter) * 1000 - 1;
    expect(await mint(server)).toMatchObject({ status: 429, retryAfter: '1' });
    clock = T0 + 45_000 + Number(retryAfter) * 1000;
    expect(await mintTimes(server, 3)).toEqual([200, 200, 429]);
  });

  it('keeps one budget per user: a user who spent theirs does not spend another', async () => {
    const server = await serve({ userBudget: { limit: 2, windowSeconds: 60 } });
    expect(await mintTimes(server, 3, USER)).toEqual([200, 200, 429]);
    expect(await mintTimes(server, 3, OTHER_USER)).toEqual([200, 200, 429]);
  });

  it('defaults to 20 mints per user per lifetime of what it hands out', async () => {
    const lifetime = thing === 'session' ? { expiresAfterSeconds: 120 } : { lifetimeSeconds: 120 };
    const server = await serve(lifetime);
    expect(await mintTimes(server, 20)).toEqual(Array(20).fill(200));
    expect(await mint(server)).toMatchObject({ status: 429, retryAfter: '120' });
  });

  it('counts nothing with userBudget: false', async () => {
    const server = await serve({ userBudget: false });
    expect(await mintTimes(server, 25)).toEqual(Array(25).fill(200));
  });

  it('does not count a request refused before the budget (nobody signed in)', async () => {
    const server = await serve({ userBudget: { limit: 1, windowSeconds: 60 } });
    expect(await mint(server, '')).toMatchObject({ status: 401 });
    expect(await mintTimes(server, 2)).toEqual([200, 429]);
  });
});

describe('createChatSessionHandler with a userBudget', () => {
  it('never calls OpenAI for a refused mint', async () => {
    const server = await serveSessions({ userBudget: { limit: 2, windowSeconds: 60 } });
    expect(await mintTimes(server, 4)).toEqual([200, 200, 429, 429]);
    expect(creates()).toBe(2);
  });

  it('gives the mint back when OpenAI fails, so retries after an outage do not spend the budget', async () => {
    const server = await serveSessions({ userBudget: { limit: 2, windowSeconds: 60 } });
    mock.fail({ kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    expect(await mintTimes(server, 5)).toEqual([502, 502, 502, 200, 200]);
    expect(await mint(server)).toMatchObject({ status: 429 });
  });
});

describe('createChatSessionHandler with the default userBudget and shorter sessions than it asks for', () => {
  // The mock hands out 30-s sessions while the handler asks for OpenAI's default of 600 s.
  const shortMock = createMockChatKitApi({ apiKey: API_KEY, lifetimeSeconds: 30, now });
  const serveShort = (options: Partial<ChatSessionHandlerOptions> = {}) =>
    serveSessions({ fetch: shortMock.fetch, ...options });

  it('counts 20 per lifetime of what it handed out, and says so', async () => {
    const server = await serveShort();
    expect(await mintTimes(server, 20)).toEqual(Array(20).fill(200));
    clock = T0 + 10_000;
    const refused = await mint(server);
    expect(refused).toMatchObject({ status: 429, retryAfter: '20' });
    expect(refused.error().message).toBe(
      'Too many ChatKit sessions for this user: the server allows 20 per session lifetime (userBudget). Try again in 20 seconds.',
    );
    clock = T0 + 30_000;
    expect(await mint(server)).toMatchObject({ status: 200 });
  });

  it('keeps the window it was given with windowSeconds', async () => {
    const server = await serveShort({ userBudget: { limit: 2, windowSeconds: 600 } });
    expect(await mintTimes(server, 3)).toEqual([200, 200, 429]);
    clock = T0 + 599_000;
    expect(await mint(server)).toMatchObject({ status: 429, retryAfter: '1' });
  });
});

describe('createChatSessionHandler with a userBudget, when a mint is slow', () => {
  it('gives a mint that failed after its window ended back to that window only, never to the next', async () => {
    // Two instances of the endpoint share one store; OpenAI answers the first one only when the test says so.
    const store = createMemoryUserBudgetStore();
    const held: (() => void)[] = [];
    const holding = (input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve) => held.push(() => resolve(mock.fetch(input, init))));
    const userBudget = { limit: 3, windowSeconds: 60, store };
    const slow = await serveSessions({ userBudget, fetch: holding });
    const fast = await serveSessions({ userBudget });
    const slowMints = [mint(slow), mint(slow), mint(slow)];
    await untilTrue(() => held.length === 3);
    // The window ends while those three wait for OpenAI; the next one fills up.
    clock = T0 + 60_000;
    expect(await mintTimes(fast, 3)).toEqual([200, 200, 200]);
    mock.fail({ kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    for (const release of held) release();
    expect((await Promise.all(slowMints)).map((answer) => answer.status)).toEqual([502, 502, 502]);
    clock = T0 + 61_000;
    // Three handed out in this window, with limit 3: the failures of the last window give nothing to this one.
    expect(await mint(fast)).toMatchObject({ status: 429, retryAfter: '59' });
  });
});

/** Waits, turn by turn of the event loop (no timer), until the requests in flight have got this far. */
async function untilTrue(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/** A store that fails the way a broken shared store does: at once, or never answering. */
function brokenStore(kind: 'throws' | 'hangs'): UserBudgetStore & { calls: number } {
  const store = {
    calls: 0,
    consume: () => {
      store.calls += 1;
      if (kind === 'hangs') return new Promise<never>(() => {});
      return Promise.reject(new Error('store offline'));
    },
    refund: () => Promise.resolve(),
    shorten: () => Promise.resolve(),
  };
  return store;
}

describe('createChatSessionHandler when the budget store fails', () => {
  it('mints anyway by default (fail open) and tells onStoreError, not the browser', async () => {
    const store = brokenStore('throws');
    const storeErrors: unknown[] = [];
    const server = await serveSessions({ userBudget: { store, onStoreError: (error) => storeErrors.push(error) } });
    expect(await mintTimes(server, 2)).toEqual([200, 200]);
    expect(store.calls).toBe(2);
    expect(storeErrors.map(String)).toEqual(['Error: store offline', 'Error: store offline']);
  });

  it('answers 503 user_budget_unavailable without calling OpenAI when failOpen is false', async () => {
    const server = await serveSessions({ userBudget: { store: brokenStore('throws'), failOpen: false } });
    const answer = await mint(server);
    expect(answer.status).toBe(503);
    expect(answer.error()).toMatchObject({ code: 'user_budget_unavailable', type: 'server_error' });
    expect(creates()).toBe(0);
    expect(JSON.parse(reports[0] ?? '{}')).toMatchObject({ status: 503, code: 'user_budget_unavailable' });
    expect([answer.text, ...reports].join('\n')).not.toMatch(new RegExp(`${USER}|${API_KEY}`));
  });

  it('stops waiting for a store that never answers after timeoutMs', async () => {
    const storeErrors: unknown[] = [];
    const userBudget = {
      store: brokenStore('hangs'),
      timeoutMs: 50,
      onStoreError: (e: unknown) => storeErrors.push(e),
    };
    const server = await serveSessions({ userBudget });
    expect(await mint(server)).toMatchObject({ status: 200 });
    expect(storeErrors).toEqual([expect.objectContaining({ name: 'TimeoutError' })]);
    const closed = await serveSessions({ userBudget: { ...userBudget, failOpen: false } });
    expect(await mint(closed)).toMatchObject({ status: 503 });
  });
});

describe('the userBudget option', () => {
  const base = { apiKey: API_KEY, workflow: { id: 'wf_budget' }, resolveUser: () => USER };
  it.each([
    [{ limit: 0 }, 'createChatSessionHandler: userBudget.limit must be a whole number from 1'],
    [{ limit: 2.5 }, 'userBudget.limit must be a whole number'],
    [{ windowSeconds: 0.5 }, 'userBudget.windowSeconds must be a whole number from 1 to 86400, got 0.5'],
    [{ windowSeconds: 86_401 }, 'userBudget.windowSeconds must be a whole number from 1 to 86400'],
    [{ timeoutMs: -1 }, 'userBudget.timeoutMs must be a whole number'],
    [{ store: {} }, 'userBudget.store must have consume(), refund() and shorten()'],
    [{ failOpen: 'no' }, 'userBudget.failOpen must be a boolean'],
    [{ onStoreError: 'log' }, 'userBudget.onStoreError must be a function'],
    [{ window: 60 }, 'unknown option `userBudget.window` (did you mean `userBudget.windowSeconds`?)'],
    [5, 'userBudget must be { limit?, windowSeconds?, store?, … }, or false'],
  ])('throws a TypeError naming the setting for %j', (userBudget, message) => {
    const options = { ...base, userBudget } as unknown as ChatSessionHandlerOptions;
    expect(() => createChatSessionHandler(options)).toThrow(expect.objectContaining({ name: 'TypeError' }));
    expect(() => createChatSessionHandler(options)).toThrow(message);
  });

  it('names the token handler in its own messages', () => {
    const options = { secret: TOKEN_SECRET, resolveUser: () => USER, userBudget: { limit: -3 } };
    expect(() => createChatKitTokenHandler(options)).toThrow('createChatKitTokenHandler: userBudget.limit');
  });
});
