import { type ChatSessionController, createChatSessionController } from '@chatkit-session/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ChatKitTokenError,
  type ChatKitTokenHandlerOptions,
  type ChatKitTokenResource,
  createChatKitTokenHandler,
  createMemoryChatKitRevocationStore,
  verifyChatKitToken,
} from '../src/index.js';
import { toNodeListener } from '../src/node.js';
import { type LocalServer, listen } from './listen.js';

// The custom-backend chain over real HTTP on 127.0.0.1: the app's token endpoint mints a token, and the app's own
// ChatKit server route checks it with verifyChatKitToken before answering. A shared clock stands in for time.
const SECRET = 'http-test-token-secret-Q7vX2mL9pR4sT8wZ';
const SECRET_PIECES = [SECRET, 'Q7vX2mL9pR4sT8wZ', SECRET.slice(0, 16)];
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
let clock = T0;
const now = () => clock;
const seen: string[] = [];
const servers: LocalServer[] = [];
let tokens: LocalServer;
let chatkit: LocalServer;

async function serveTokens(options: Partial<ChatKitTokenHandlerOptions> = {}): Promise<LocalServer> {
  const handler = createChatKitTokenHandler({
    secret: SECRET,
    // Who asks comes from the app's own auth; here a test header stands in for the session cookie.
    resolveUser: (request) => request.headers.get('x-test-user'),
    now,
    onError: (event) => seen.push(JSON.stringify({ ...event, error: String(event.error) })),
    ...options,
  });
  const server = await listen(toNodeListener(handler));
  servers.push(server);
  return server;
}

/** The app's own ChatKit server route: 401 with the typed code for a refused token, else who is asking. */
async function chatKitRoute(request: Request): Promise<Response> {
  try {
    const { user, expiresAt } = await verifyChatKitToken(request, { secret: SECRET, now });
    return Response.json({ user, expiresAt });
  } catch (error) {
    if (!(error instanceof ChatKitTokenError)) throw error;
    return Response.json({ error: { message: error.message, code: error.code } }, { status: error.status });
  }
}

async function mint(server = tokens, user = 'user_42') {
  const response = await fetch(`${server.url}/api/chatkit/token`, { method: 'POST', headers: { 'x-test-user': user } });
  const text = await response.text();
  seen.push(text);
  return { response, body: JSON.parse(text) as ChatKitTokenResource & { error: { code: string } } };
}

async function ask(authorization?: string) {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const response = await fetch(`${chatkit.url}/chatkit`, { method: 'POST', headers, body: '{"type":"threads.list"}' });
  const text = await response.text();
  seen.push(text);
  return {
    status: response.status,
    json: JSON.parse(text) as { user?: string; expiresAt?: number; error?: { code: string } },
  };
}

beforeAll(async () => {
  tokens = await serveTokens();
  chatkit = await listen(toNodeListener(chatKitRoute));
  servers.push(chatkit);
});

beforeEach(() => {
  clock = T0;
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('the token endpoint and verifyChatKitToken over real HTTP', () => {
  it('mints a token that the ChatKit route verifies as the same user, until the same expiry', async () => {
    const { response, body } = await mint();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('date')).toBe(new Date(T0).toUTCString());
    expect(body).toMatchObject({
      object: 'chatkit.token',
      status: 'active',
      user: 'user_42',
      expires_at: T0 / 1000 + 600,
    });
    const answer = await ask(`Bearer ${body.client_secret}`);
    expect(answer).toEqual({ status: 200, json: { user: 'user_42', expiresAt: body.expires_at * 1000 } });
  });

  it('answers 401 missing_token to a request without a token', async () => {
    expect(await ask()).toMatchObject({ status: 401, json: { error: { code: 'missing_token' } } });
  });

  it('answers 401 invalid_signature to a token whose user was changed', async () => {
    const { body } = await mint();
    const [header, payload, signature] = body.client_secret.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect(await ask(`Bearer ${header}.${forged}.${signature}`)).toMatchObject({
      status: 401,
      json: { error: { code: 'invalid_signature' } },
    });
  });

  it('answers 401 unknown_key to a token signed with a secret this server does not hold', async () => {
    const other = await serveTokens({ secret: 'another-servers-secret-0123456789abcdef' });
    const { body } = await mint(other);
    expect(await ask(`Bearer ${body.client_secret}`)).toMatchObject({
      status: 401,
      json: { error: { code: 'unknown_key' } },
    });
  });

  it('answers 401 wrong_audience to a token minted for another audience', async () => {
    const billing = await serveTokens({ audience: 'billing' });
    const { body } = await mint(billing);
    expect(await ask(`Bearer ${body.client_secret}`)).toMatchObject({
      status: 401,
      json: { error: { code: 'wrong_audience' } },
    });
  });

  it('answers 401 expired_token once the token has expired, and 200 with a renewed one', async () => {
    const { body } = await mint();
    clock = T0 + 600_000;
    expect((await ask(`Bearer ${body.client_secret}`)).status).toBe(200);
    clock = T0 + 606_000;
    expect(await ask(`Bearer ${body.client_secret}`)).toMatchObject({
      status: 401,
      json: { error: { code: 'expired_token' } },
    });
    const renewed = await mint();
    expect(await ask(`Bearer ${renewed.body.client_secret}`)).toMatchObject({ status: 200, json: { user: 'user_42' } });
  });

  it('answers 401 unauthenticated and mints nothing when nobody is signed in', async () => {
    const { response, body } = await mint(tokens, '');
    expect(response.status).toBe(401);
    expect(body.error.code).toBe('unauthenticated');
    expect(body.client_secret).toBeUndefined();
  });

  it('never sends or logs the signing secret', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation((...parts) => void seen.push(parts.join(' ')));
    const leaky = await serveTokens({
      onError: undefined,
      resolveUser: () => {
        throw new Error(`token store refused ${SECRET}`);
      },
    });
    const { response } = await mint(leaky);
    expect(response.status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((text) => SECRET_PIECES.some((piece) => text.includes(piece)))).toEqual([]);
  });
});

describe('createChatSessionController with the token endpoint as its fetchSession', () => {
  let controller: ChatSessionController;
  let live: LocalServer;

  beforeAll(async () => {
    live = await serveTokens({ now: undefined, resolveUser: () => 'user_live' });
  });

  afterEach(() => controller.dispose());

  it('gets an active state whose client secret is the JWT, with no other option', async () => {
    controller = createChatSessionController({
      fetchSession: () => fetch(`${live.url}/api/chatkit/token`, { method: 'POST' }),
    });
    const before = Date.now();
    const secret = await controller.getClientSecret(null);
    const state = controller.getState();
    expect(state).toMatchObject({ status: 'active', error: null, clientSecret: secret });
    expect(secret.split('.')).toHaveLength(3);
    expect((state.expiresAt ?? 0) - before).toBeGreaterThan(590_000);
    expect((state.expiresAt ?? 0) - before).toBeLessThanOrEqual(601_000);
    const request = new Request(chatkit.url, { headers: { authorization: `Bearer ${secret}` } });
    await expect(verifyChatKitToken(request, { secret: SECRET })).resolves.toMatchObject({ user: 'user_live' });
  });
});

describe('sign-out and sign-in again over real HTTP', () => {
  it('mints a token that passes when the user signs in again in the second of their sign-out, and keeps the old one refused', async () => {
    const revocations = createMemoryChatKitRevocationStore({ now });
    const server = await serveTokens({ revocations });
    const route = await listen(
      toNodeListener(async (request: Request) => {
        try {
          const { user } = await verifyChatKitToken(request, { secret: SECRET, now, revocations });
          return Response.json({ user });
        } catch (error) {
          if (!(error instanceof ChatKitTokenError)) throw error;
          return Response.json({ error: { code: error.code } }, { status: error.status });
        }
      }),
    );
    servers.push(route);
    const check = async (token: string) => {
      const response = await fetch(`${route.url}/chatkit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, json: await response.json() };
    };
    const before = (await mint(server)).body.client_secret;
    clock = T0 + 300;
    await revocations.revoke('user_42');
    // Signed in again 200 ms later, in the same second: iat alone cannot tell this token from one before the sign-out.
    clock = T0 + 500;
    const { body } = await mint(server);
    expect({ before: await check(before), after: await check(body.client_secret) }).toEqual({
      before: { status: 401, json: { error: { code: 'revoked_token' } } },
      after: { status: 200, json: { user: 'user_42' } },
    });
    // Dated a second later than it was minted, it lasts its whole lifetime from then.
    expect(body.expires_at).toBe(T0 / 1000 + 1 + 600);
  });
});
