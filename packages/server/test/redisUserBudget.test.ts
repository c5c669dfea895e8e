import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatKitTokenHandler, createChatSessionHandler, type UserBudgetOptions } from '../src/index.js';
import { createMockChatKitApi } from '../src/mock.js';
import { toNodeListener } from '../src/node.js';
import { createRedisUserBudgetStore } from '../src/redis.js';
import { type LocalServer, listen, refusedURL } from './listen.js';
import { type RedisServer, startRedisServer } from './startRedisServer.js';

// The Redis store against a real redis-server of the test's own: server instances that share one budget per user,
// atomically, and an endpoint that keeps answering, quickly, when Redis goes away.
const API_KEY = 'sk-proj-redisTESTKEY3Wm9';
const TOKEN_SECRET = 'redis-test-token-secret-Kp7Yc2Hd9Qf4';
const USER = 'ada@example.com';
const OTHER_USER = 'grace@example.com';
const mock = createMockChatKitApi({ apiKey: API_KEY });
const servers: LocalServer[] = [];
const clients: { destroy(): void }[] = [];
// A client without an 'error' listener crashes Node when the connection drops; these collect what they say.
const clientErrors: unknown[] = [];
const reports: string[] = [];
// How the endpoints reach the mock OpenAI API; a test may hold its answers back.
let upstream: (url: string, init: RequestInit) => Promise<Response> = mock.fetch;
let redis: RedisServer;
let prefix: string;
let testCount = 0;

async function connectClient(url: string) {
  // Reconnects every 50 ms, so a stopped server leaves commands waiting in the client's queue, as in production.
  const client = createClient({ url, socket: { reconnectStrategy: () => 50 } });
  client.on('error', (error: unknown) => clientErrors.push(error));
  clients.push(client);
  await client.connect();
  return client;
}

async function serveWith(
  create: typeof createChatSessionHandler | typeof createChatKitTokenHandler,
  userBudget: UserBudgetOptions,
): Promise<LocalServer> {
  const shared = {
    resolveUser: (request: Request) => request.headers.get('x-test-user'),
    onError: (event: { status: number; code: string; message: string; error?: unknown }) =>
      reports.push(`${event.status} ${event.code}: ${event.message} ${String(event.error)}`),
    userBudget,
  };
  const handler =
    create === createChatKitTokenHandler
      ? createChatKitTokenHandler({ ...shared, secret: TOKEN_SECRET })
      : createChatSessionHandler({
          ...shared,
          apiKey: API_KEY,
          workflow: { id: 'wf_redis' },
          fetch: (url, init) => upstream(url, init),
        });
  const server = await listen(toNodeListener(handler));
  servers.push(server);
  return server;
}

/** Two instances of one endpoint, each with its own client and store, sharing one Redis and prefix. */
async function twoInstances(
  create: typeof createChatSessionHandler | typeof createChatKitTokenHandler,
  budget: Omit<UserBudgetOptions, 'store'>,
): Promise<[LocalServer, LocalServer]> {
  const stores = [await connectClient(redis.url), await connectClient(redis.url)].map((client) =>
    createRedisUserBudgetStore({ client, prefix }),
  );
  return [
    await serveWith(create, { ...budget, store: stores[0] }),
    await serveWith(create, { ...budget, store: stores[1] }),
  ];
}

async function mint(server: LocalServer, user = USER) {
  const response = await fetch(`${server.url}/api/chatkit/mint`, { method: 'POST', headers: { 'x-test-user': user } });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text };
}

const creates = () => mock.calls.filter((call) => call.endpoint === 'create').length;

beforeAll(async () => {
  redis = await startRedisServer();
});

beforeEach(() => {
  // A prefix per test: each starts with empty budgets on the one server.
  testCount += 1;
  prefix = `chatkit-test-${testCount}:`;
  mock.reset();
  upstream = mock.fetch;
  reports.length = 0;
  clientErrors.length = 0;
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const client of clients) client.destroy();
  await redis.stop();
});

describe('createRedisUserBudgetStore with a real redis-server', () => {
  it('lets two instances of the session endpoint share one budget per user', async () => {
    const [a, b] = await twoInstances(createChatSessionHandler, { limit: 3, windowSeconds: 3600 });
    const statuses = [await mint(a), await mint(b), await mint(a)].map((answer) => answer.status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await mint(b);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'user_budget_exceeded' } });
    // The window ends an hour after the first mint, on Redis's clock: a second may have passed since.
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(3598);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);
    expect(creates()).toBe(3);
    expect((await mint(a, OTHER_USER)).status).toBe(200);
  });

  it('lets two instances of the token endpoint share one budget per user', async () => {
    const [a, b] = await twoInstances(createChatKitTokenHandler, { limit: 2, windowSeconds: 600 });
    expect([(await mint(a)).status, (await mint(b)).status, (await mint(a)).status]).toEqual([200, 200, 429]);
    expect((await mint(b, OTHER_USER)).status).toBe(200);
  });

  it('counts atomically: of 12 mints at once through two instances, exactly the limit get through', async () => {
    const [a, b] = await twoInstances(createChatSessionHandler, { limit: 4, windowSeconds: 600 });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => mint(index % 2 ? a : b)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(4).fill(200), ...Array(8).fill(429)]);
    expect(creates()).toBe(4);
  });

  it('gives a mint back when OpenAI fails, on every instance', async () => {
    const [a, b] = await twoInstances(createChatSessionHandler, { limit: 1, windowSeconds: 600 });
    mock.fail({ kind: 'status', status: 503 });
    expect((await mint(a)).status).toBe(502);
    expect((await mint(b)).status).toBe(200);
    expect((await mint(a)).status).toBe(429);
  });

  it('gives a mint that failed after its window ended back to that window only, never to the next', async () => {
    const [a, b] = await twoInstances(createChatSessionHandler, { limit: 3, windowSeconds: 600 });
    const held: (() => void)[] = [];
    upstream = (url, init) => new Promise((resolve) => held.push(() => resolve(mock.fetch(url, init))));
    const slowMints = [mint(a), mint(a), mint(a)];
    for (let turn = 0; turn < 10_000 && held.length < 3; turn += 1) await new Promise((r) => setImmediate(r));
    expect(held).toHaveLength(3);
    // The window ends while those three wait for OpenAI (Redis expires the key: here, at once) and the next fills up.
    const client = await connectClient(redis.url);
    const keys = (await client.keys('*')).filter((key) => key.startsWith(prefix));
    expect(keys).toHaveLength(1);
    await client.del(keys);
    upstream = mock.fetch;
    expect([(await mint(b)).status, (await mint(b)).status, (await mint(b)).status]).toEqual([200, 200, 200]);
    mock.fail({ kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    for (const release of held) release();
    expect((await Promise.all(slowMints)).map((answer) => answer.status)).toEqual([502, 502, 502]);
    // Three handed out in this window, with limit 3: the failures of the last window give nothing to this one.
    expect((await mint(b)).status).toBe(429);
  });

  it('ends a user’s window on every instance one handed-out lifetime after it started', async () => {
    const [a, b] = await twoInstances(createChatSessionHandler, { limit: 2 });
    mock.configure({ lifetimeSeconds: 30 });
    try {
      expect([(await mint(a)).status, (await mint(b)).status]).toEqual([200, 200]);
      const refused = await mint(a);
      expect(refused.status).toBe(429);
      // The handler asked for 600 s; the sessions live 30 s, and so does the window, on Redis's clock.
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(28);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(30);
      const client = await connectClient(redis.url);
      const [key] = (await client.keys('*')).filter((name) => name.startsWith(prefix));
      expect(await client.pTTL(key ?? '')).toBeLessThanOrEqual(30_000);
    } finally {
      mock.configure({ lifetimeSeconds: undefined });
    }
  });

  it('stores a hashed user under the prefix, with an expiry, and never the user id', async () => {
    const [a] = await twoInstances(createChatSessionHandler, { limit: 5, windowSeconds: 600 });
    await mint(a, USER);
    await mint(a, OTHER_USER);
    const client = await connectClient(redis.url);
    const keys = (await client.keys('*')).filter((key) => key.startsWith(prefix));
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^${prefix}[0-9a-f]{64}$`));
      expect(await client.hGet(key, 'n')).toBe('1');
      expect(await client.pTTL(key)).toBeGreaterThan(590_000);
    }
    expect(JSON.stringify(keys)).not.toMatch(/ada|grace|example/);
  });
});

describe('createRedisUserBudgetStore when Redis is down', () => {
  let doomed: RedisServer;

  beforeAll(async () => {
    doomed = await startRedisServer();
  });
  afterAll(() => doomed.stop());

  it('mints anyway (fail open) within timeoutMs, and logs no user, key or secret', async () => {
    const store = createRedisUserBudgetStore({ client: await connectClient(doomed.url), prefix });
    const server = await serveWith(createChatSessionHandler, { store, limit: 1, windowSeconds: 600, timeoutMs: 200 });
    expect((await mint(server)).status).toBe(200);
    await doomed.stop();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = performance.now();
    const answers = [await mint(server), await mint(server)];
    // Bounded by the two 200 ms timeouts, with room for a slow machine; without the timeout it would hang.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(logged).toHaveBeenCalledTimes(2);
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines[0]).toMatch(
      /^\[chatkit-session\] userBudget: the store failed \(.+\), so the session endpoint went on/,
    );
    // The sessions themselves name their user; what is logged and reported names nobody.
    expect([...lines, ...reports].join('\n')).not.toMatch(new RegExp(`${USER}|${API_KEY}|${prefix}|[0-9a-f]{64}`));
    expect(creates()).toBe(3);
    // The client saw the connection drop and said so to its listener; nothing crashed.
    expect(clientErrors.length).toBeGreaterThan(0);
  });

  it('answers 503 user_budget_unavailable without calling OpenAI when failOpen is false', async () => {
    // A client for a port nothing listens on, never connected: Redis was down from the start.
    const client = createClient({ url: (await refusedURL()).replace('http:', 'redis:') });
    const store = createRedisUserBudgetStore({ client });
    const server = await serveWith(createChatSessionHandler, { store, failOpen: false, timeoutMs: 200 });
    const answer = await mint(server);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'user_budget_unavailable' } });
    expect(creates()).toBe(0);
    expect(reports).toEqual([expect.stringMatching(/^503 user_budget_unavailable: /)]);
    expect([answer.text, ...reports].join('\n')).not.toMatch(new RegExp(`${USER}|${API_KEY}`));
  });
});
