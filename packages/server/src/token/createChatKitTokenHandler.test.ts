import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ChatKitEndpointErrorEvent,
  type ChatKitTokenHandlerOptions,
  type ChatKitTokenResource,
  createChatKitTokenHandler,
  verifyChatKitToken,
} from '../index.js';

const SECRET = 'unit-test-token-secret-0123456789abcdef';
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const ENDPOINT = 'https://app.example.com/api/chatkit/token';

function setUp(options: Partial<ChatKitTokenHandlerOptions> = {}) {
  const events: ChatKitEndpointErrorEvent[] = [];
  const handler = createChatKitTokenHandler({
    secret: SECRET,
    resolveUser: () => 'user_42',
    now: () => NOW,
    onError: (event) => events.push(event),
    ...options,
  });
  return { events, handler };
}

const post = (body?: BodyInit, headers: Record<string, string> = {}) =>
  new Request(ENDPOINT, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('date')).toBe(new Date(NOW).toUTCString());
  return ((await response.json()) as { error: { message: string; type: string; code: string } }).error;
}

function thrownBy(create: () => unknown): Error {
  try {
    create();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createChatKitTokenHandler', () => {
  it('answers 200 with a token for the signed-in user, dated on the clock its expiry is on', async () => {
    const { handler } = setUp();
    const response = await handler(post(JSON.stringify({ reason: 'initial' })));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('date')).toBe(new Date(NOW).toUTCString());
    const body = (await response.json()) as ChatKitTokenResource;
    expect(body).toEqual({
      object: 'chatkit.token',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_secret: expect.any(String),
      expires_at: NOW / 1000 + 600,
      status: 'active',
      user: 'user_42',
    });
    expect(decodeProtectedHeader(body.client_secret)).toMatchObject({ alg: 'HS256', typ: 'chatkit+jwt' });
    expect(decodeJwt(body.client_secret)).toEqual({
      iss: 'chatkit-session',
      sub: 'user_42',
      aud: 'chatkit',
      iat: NOW / 1000,
      exp: NOW / 1000 + 600,
      jti: body.id,
    });
  });

  it('mints a token with another id each time, and the audience, lifetime and algorithm asked for', async () => {
    const secret = new Uint8Array(64).fill(7);
    const { handler } = setUp({ secret, audience: 'support-chat', lifetimeSeconds: 3600, algorithm: 'HS512' });
    const [first, second] = await Promise.all([handler(post()), handler(post())]).then((answers) =>
      Promise.all(answers.map((answer) => answer.json() as Promise<ChatKitTokenResource>)),
    );
    expect(first?.id).not.toBe(second?.id);
    expect(decodeProtectedHeader(first?.client_secret ?? '').alg).toBe('HS512');
    expect(decodeJwt(first?.client_secret ?? '')).toMatchObject({ aud: 'support-chat', exp: NOW / 1000 + 3600 });
  });

  it('signs with the first of several secrets, naming it by a kid that is not the secret', async () => {
    const next = 'the-next-token-secret-0123456789abcdefgh';
    const { handler } = setUp({ secret: [next, SECRET] });
    const { client_secret } = (await (await handler(post())).json()) as ChatKitTokenResource;
    const hmac = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(next),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const id = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode('chatkit-session key id'));
    const { kid } = decodeProtectedHeader(client_secret);
    expect(kid).toBe(Buffer.from(id).toString('base64url'));
    expect(client_secret).not.toContain(Buffer.from(next).toString('base64url').slice(0, 12));
    const request = new Request(ENDPOINT, { headers: { authorization: `Bearer ${client_secret}` } });
    await expect(verifyChatKitToken(request, { secret: next, now: () => NOW })).resolves.toBeTruthy();
    await expect(verifyChatKitToken(request, { secret: SECRET, now: () => NOW })).rejects.toMatchObject({
      code: 'unknown_key',
    });
  });

  it('writes the issuer asked for, which verifyChatKitToken then requires', async () => {
    const { handler } = setUp({ issuer: 'https://auth.example.com' });
    const { client_secret } = (await (await handler(post())).json()) as ChatKitTokenResource;
    expect(decodeJwt(client_secret).iss).toBe('https://auth.example.com');
    const request = new Request(ENDPOINT, { headers: { authorization: `Bearer ${client_secret}` } });
    const verify = (issuer?: string) => verifyChatKitToken(request, { secret: SECRET, issuer, now: () => NOW });
    await expect(verify('https://auth.example.com')).resolves.toMatchObject({ user: 'user_42' });
    await expect(verify()).rejects.toMatchObject({ code: 'wrong_issuer' });
  });

  it('answers 401 and mints nothing when nobody is signed in', async () => {
    for (const nobody of [null, undefined, '']) {
      const { handler } = setUp({ resolveUser: () => nobody });
      const response = await handler(post());
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toMatchObject({
        code: 'unauthenticated',
        message: 'Sign in first: the server could not tell who is asking for a ChatKit token.',
      });
    }
  });

  it('shares the session handler’s checks of method, origin and body', async () => {
    const { handler, events } = setUp({ allowedOrigins: ['https://app.example.com'], maxBodyBytes: 100 });
    const get = await handler(new Request(ENDPOINT));
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await errorOf(get)).message).toBe('The token endpoint answers POST only, not GET.');
    const foreign = await handler(post(undefined, { Origin: 'https://evil.example' }));
    expect([foreign.status, (await errorOf(foreign)).code]).toEqual([403, 'origin_not_allowed']);
    const large = await handler(post(JSON.stringify({ reason: 'x'.repeat(200) })));
    expect([large.status, (await errorOf(large)).code]).toEqual([413, 'body_too_large']);
    const chosen = await handler(post(JSON.stringify({ user: 'admin' })));
    expect([chosen.status, (await errorOf(chosen)).code]).toEqual([400, 'unknown_field']);
    expect(events.map((event) => [event.status, event.source])).toEqual([
      [405, 'client'],
      [403, 'client'],
      [413, 'client'],
      [400, 'client'],
    ]);
  });

  it('answers 500 and reports the error when resolveUser throws', async () => {
    const failure = new Error('session store down');
    const { handler, events } = setUp({
      resolveUser: () => {
        throw failure;
      },
    });
    const response = await handler(post(JSON.stringify({ reason: 'scheduled' })));
    expect(response.status).toBe(500);
    expect((await errorOf(response)).message).toBe('resolveUser threw, so no token was minted.');
    expect(events).toEqual([
      expect.objectContaining({ code: 'resolve_user_failed', reason: 'scheduled', error: failure }),
    ]);
  });

  it('logs server errors without the secret when no onError is given', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handler = createChatKitTokenHandler({
      secret: SECRET,
      resolveUser: () => {
        throw new Error(`could not read ${SECRET}`);
      },
    });
    expect((await handler(post())).status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/^\[chatkit-session\] 500 resolve_user_failed: /);
    expect(JSON.stringify(logged.mock.calls)).not.toContain(SECRET);
  });
});

describe('createChatKitTokenHandler options', () => {
  const base = { resolveUser: () => 'user_42' };

  it.each([
    ['a string of 31 bytes', 'x'.repeat(31), 'options.secret is 31 bytes; HS256 needs at least 32'],
    ['an empty string', '', 'options.secret is 0 bytes'],
    ['31 bytes', new Uint8Array(31), 'options.secret is 31 bytes'],
  ])('refuses a secret of %s when created, without printing it', (_, secret, message) => {
    const error = thrownBy(() => createChatKitTokenHandler({ ...base, secret }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(message);
    if (typeof secret === 'string' && secret) expect(error.message).not.toContain(secret);
  });

  it('refuses an empty list of secrets, and names the short one in a list, when created', () => {
    expect(() => createChatKitTokenHandler({ ...base, secret: [] })).toThrow('options.secret is an empty list');
    const error = thrownBy(() => createChatKitTokenHandler({ ...base, secret: [SECRET, 'short-secret'] }));
    expect(error.message).toContain('options.secret[1] is 12 bytes');
    expect(error.message).not.toContain('short-secret');
  });

  it('counts a string secret in UTF-8 bytes, not characters', () => {
    expect(() => createChatKitTokenHandler({ ...base, secret: '€'.repeat(10) })).toThrow('30 bytes');
    expect(() => createChatKitTokenHandler({ ...base, secret: '€'.repeat(11) })).not.toThrow();
  });

  it('asks HS384 and HS512 for a secret as long as their hash', () => {
    const secret = 'k'.repeat(40);
    expect(() => createChatKitTokenHandler({ ...base, secret, algorithm: 'HS384' })).toThrow('at least 48');
    expect(() => createChatKitTokenHandler({ ...base, secret, algorithm: 'HS512' })).toThrow('at least 64');
    const algorithm = 'RS256' as 'HS256';
    expect(() => createChatKitTokenHandler({ ...base, secret, algorithm })).toThrow('options.algorithm');
  });

  it('takes an HMAC CryptoKey of 256 bits or more that may sign, and refuses a shorter one', async () => {
    const key = (length: number, usages: KeyUsage[] = ['sign', 'verify']) =>
      crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length }, false, usages);
    const notAKey = 42 as unknown as string;
    expect(() => createChatKitTokenHandler({ ...base, secret: notAKey })).toThrow('needs options.secret: a string');
    const strong = await key(256);
    const { handler } = setUp({ secret: strong });
    expect((await handler(post())).status).toBe(200);
    expect(() => createChatKitTokenHandler({ ...base, secret: strong, algorithm: 'HS512' })).toThrow('SHA-512');
    const short = await key(128);
    expect(() => createChatKitTokenHandler({ ...base, secret: short })).toThrow('shorter than the 32 bytes');
    const verifyOnly = await key(256, ['verify']);
    expect(() => createChatKitTokenHandler({ ...base, secret: verifyOnly })).toThrow('may not "sign"');
  });

  it.each([3601, 7200, 0, 1.5, Number.NaN])('refuses lifetimeSeconds: %s when created', (lifetimeSeconds) => {
    expect(() => createChatKitTokenHandler({ ...base, secret: SECRET, lifetimeSeconds })).toThrow(
      /^createChatKitTokenHandler: lifetimeSeconds must be a whole number from 1 to 3600/,
    );
  });

  it('refuses an empty audience, a missing resolveUser and an origin that is not a URL', () => {
    expect(() => createChatKitTokenHandler({ ...base, secret: SECRET, audience: '' })).toThrow('options.audience');
    const resolveUser = undefined as unknown as () => string;
    expect(() => createChatKitTokenHandler({ secret: SECRET, resolveUser })).toThrow('needs resolveUser');
    const allowedOrigins = ['app.example.com'];
    expect(() => createChatKitTokenHandler({ ...base, secret: SECRET, allowedOrigins })).toThrow('not a URL');
  });
});
