import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatKitTokenError,
  type ChatKitTokenResource,
  createChatKitTokenHandler,
  verifyChatKitToken,
} from '../src/index.js';
import { toNodeListener } from '../src/node.js';
import { createRedisChatKitRevocationStore } from '../src/redis.js';
import { type LocalServer, listen } from './listen.js';
import { type RedisServer, startRedisServer } from './startRedisServer.js';

// Sign-out against a real redis-server: two instances of the app's ChatKit route share one revocation store, over
// real HTTP. The sign-out times are on Redis's clock, so the token endpoint runs on the real clock here.
const SECRET = 'redis-revocation-secret-Hq3Zp8Lw2Nc6';
const USER = 'ada@example.com';
const servers: LocalServer[] = [];
const clients: { destroy(): void }[] = [];
const clientErrors: unknown[] = [];
let redis: RedisServer;

async function connectClient(url: string) {
  const client = createClient({ url, socket: { reconnectStrategy: () => 50 } });
  client.on('error', (error: unknown) => clientErrors.push(error));
  clients.push(client);
  await client.connect();
  return client;
}

async function serve(handler: (request: Request) => Promise<Response>) {
  const server = await listen(toNodeListener(handler));
  servers.push(server);
  return server;
}

/** The app's ChatKit route, checking tokens against the given revocation store. */
function chatKitRoute(revocations: ReturnType<typeof createRedisChatKitRevocationStore>) {
  return serve(async (request) => {
    try {
      const { user } = await verifyChatKitToken(request, { secret: SECRET, revocations });
      return Response.json({ user });
    } catch (error) {
      if (!(error instanceof ChatKitTokenError)) throw error;
      return Response.json({ error: { message: error.message, code: error.code } }, { status: error.status });
    }
  });
}

async function mint(tokens: LocalServer): Promise<string> {
  const response = await fetch(`${tokens.url}/token`, { method: 'POST', headers: { 'x-test-user': USER } });
  return ((await response.json()) as ChatKitTokenResource).client_secret;
}

async function ask(route: LocalServer, token: string) {
  const response = await fetch(`${route.url}/chatkit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const client of clients) client.destroy();
  await redis.stop();
});

describe('createRedisChatKitRevocationStore with a real redis-server', () => {
  it('refuses on every instance the tokens a user held when they signed out on one, and takes newer ones', async () => {
    const prefix = 'revocation-test-1:';
    const [a, b] = [await connectClient(redis.url), await connectClient(redis.url)].map((client) =>
      createRedisChatKitRevocationStore({ client, prefix }),
    ) as [ReturnType<typeof createRedisChatKitRevocationStore>, ReturnType<typeof createRedisChatKitRevocationStore>];
    const resolveUser = (request: Request) => request.headers.get('x-test-user');
    const tokens = await serve(createChatKitTokenHandler({ secret: SECRET, resolveUser }));
    // A token endpoint whose clock is a second ahead stands for one minted after the second of the sign-out.
    const later = await serve(createChatKitTokenHandler({ secret: SECRET, resolveUser, now: () => Date.now() + 1000 }));
    const [routeA, routeB] = [await chatKitRoute(a), await chatKitRoute(b)];
    const held = await mint(tokens);
    expect((await ask(routeB, held)).status).toBe(200);
    await a.revoke(USER);
    for (const route of [routeA, routeB]) {
      const answer = await ask(route, held);
      expect([answer.status, JSON.parse(answer.text).error.code]).toEqual([401, 'revoked_token']);
    }
    expect(await ask(routeB, await mint(later))).toEqual({ status: 200, text: JSON.stringify({ user: USER }) });
  });

  it('stores a hashed user under the prefix, on Redis’s clock, with an expiry, and never the user id', async () => {
    const client = await connectClient(redis.url);
    const store = createRedisChatKitRevocationStore({ client, prefix: 'revocation-test-2:', retainSeconds: 120 });
    const before = Date.now();
    await store.revoke(USER);
    const keys = (await client.keys('revocation-test-2:*')) as string[];
    expect(keys).toEqual([expect.stringMatching(/^revocation-test-2:[0-9a-f]{64}$/)]);
    expect(JSON.stringify(keys)).not.toMatch(/ada|example/);
    expect(await client.pTTL(keys[0] ?? '')).toBeGreaterThan(115_000);
    const at = (await store.getRevokedAt(USER)) ?? 0;
    // Redis runs on this machine's clock; a second of room for a slow run.
    expect(Math.abs(at - before)).toBeLessThan(1000);
    expect(await store.getRevokedAt('grace@example.com')).toBeNull();
  });
});

describe('createRedisChatKitRevocationStore when Redis is down', () => {
  it('refuses every token as 503 revocation_unavailable within timeoutMs, and revoke rejects', async () => {
    const doomed = await startRedisServer();
    const store = createRedisChatKitRevocationStore({ client: await connectClient(doomed.url), timeoutMs: 200 });
    const tokens = await serve(
      createChatKitTokenHandler({ secret: SECRET, resolveUser: () => USER, userBudget: false }),
    );
    const route = await chatKitRoute(store);
    const token = await mint(tokens);
    expect((await ask(route, token)).status).toBe(200);
    await doomed.stop();
    const started = performance.now();
    const answer = await ask(route, token);
    // Bounded by the 200 ms timeout, with room for a slow machine; without it the request would hang.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect([answer.status, JSON.parse(answer.text).error.code]).toEqual([503, 'revocation_unavailable']);
    expect(answer.text).not.toMatch(/ada|example|redis:/);
    await expect(store.revoke(USER)).rejects.toThrow('Redis did not answer within 200 ms');
    expect(clientErrors.length).toBeGreaterThan(0);
  });
});
