import { CompactSign, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  type ChatKitRevocationStore,
  ChatKitTokenError,
  createMemoryChatKitRevocationStore,
  type VerifyChatKitTokenOptions,
  verifyChatKitToken,
} from '../index.js';

const SECRET = 'unit-test-verify-secret-0123456789abcdef';
const KEY = new TextEncoder().encode(SECRET);
const NOW_S = Date.UTC(2030, 0, 1, 12, 0, 0) / 1000;

/** The key id the README documents: the base64url HMAC-SHA-256 of `chatkit-session key id` under the key. */
async function kidOf(key: Uint8Array<ArrayBuffer>, hash = 'SHA-256'): Promise<string> {
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode('chatkit-session key id'));
  return Buffer.from(mac).toString('base64url');
}

/** Signs a token the way the token endpoint does, or with what a test changes. */
async function sign(
  claims: Record<string, unknown> = {},
  { key = KEY, alg = 'HS256', typ = 'chatkit+jwt' as string | null, kid = '' as string | null } = {},
): Promise<string> {
  const defaults = {
    sub: 'user_42',
    aud: 'chatkit',
    iss: 'chatkit-session',
    iat: NOW_S,
    exp: NOW_S + 600,
    jti: 'tok_1',
  };
  // '': the key's own id; null: no kid header.
  const keyId = kid === '' ? await kidOf(key, `SHA-${alg.slice(2)}`) : kid;
  const header = { alg, ...(typ ? { typ } : {}), ...(keyId ? { kid: keyId } : {}) };
  return new SignJWT({ ...defaults, ...claims }).setProtectedHeader(header).sign(key);
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a token by hand, for headers jose refuses to write. */
async function signByHand(header: Record<string, unknown>, claims: Record<string, unknown>): Promise<string> {
  const input = `${part(header)}.${part(claims)}`;
  const key = await crypto.subtle.importKey('raw', KEY, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

const withToken = (authorization?: string) =>
  new Request('https://app.example.com/chatkit', authorization === undefined ? {} : { headers: { authorization } });

function verifyAt(seconds: number, request: Request, options: Partial<VerifyChatKitTokenOptions> = {}) {
  return verifyChatKitToken(request, { secret: SECRET, now: () => seconds * 1000, ...options });
}

async function refusal(promise: Promise<unknown>): Promise<ChatKitTokenError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChatKitTokenError);
  return error as ChatKitTokenError;
}

describe('verifyChatKitToken', () => {
  it('resolves to the user, the expiry in epoch milliseconds and the token id', async () => {
    const token = await sign();
    await expect(verifyAt(NOW_S, withToken(`Bearer ${token}`))).resolves.toEqual({
      user: 'user_42',
      expiresAt: (NOW_S + 600) * 1000,
      id: 'tok_1',
    });
    // The scheme is case-insensitive, as HTTP says.
    await expect(verifyAt(NOW_S, withToken(`bearer ${token}`))).resolves.toMatchObject({ user: 'user_42' });
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty Bearer', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s as missing_token', async (_, header) => {
    const error = await refusal(verifyAt(NOW_S, withToken(header)));
    expect([error.status, error.code, error.name]).toEqual([401, 'missing_token', 'ChatKitTokenError']);
    expect(error.message).toContain('Authorization: Bearer');
  });

  it.each([
    ['a word', 'Bearer not-a-jwt'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
    ['a header that is not JSON', 'Bearer e30x.e30.c2ln'],
  ])('refuses %s as malformed_token', async (_, header) => {
    expect((await refusal(verifyAt(NOW_S, withToken(header)))).code).toBe('malformed_token');
  });

  it('refuses a signed token whose payload is not a JSON object as malformed_token', async () => {
    const header = { alg: 'HS256', kid: await kidOf(KEY) };
    const token = await new CompactSign(new TextEncoder().encode('12')).setProtectedHeader(header).sign(KEY);
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('malformed_token');
  });

  it('refuses an unsigned token, and one signed with another algorithm, as invalid_signature', async () => {
    const payload = (await sign()).split('.')[1];
    // Both name this server's key, so only the algorithm is wrong.
    const unsigned = `${part({ alg: 'none', typ: 'chatkit+jwt', kid: await kidOf(KEY) })}.${payload}.`;
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${unsigned}`)))).code).toBe('invalid_signature');
    const hs512 = await sign({}, { alg: 'HS512', key: new Uint8Array(64).fill(1), kid: await kidOf(KEY) });
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${hs512}`)))).code).toBe('invalid_signature');
  });

  it('refuses a token with an unknown critical header as malformed_token, not as a crash', async () => {
    const claims = { sub: 'user_42', aud: 'chatkit', iss: 'chatkit-session', iat: NOW_S, exp: NOW_S + 600 };
    const header = { alg: 'HS256', typ: 'chatkit+jwt', kid: await kidOf(KEY) };
    const token = await signByHand({ ...header, crit: ['x-custom'], 'x-custom': 1 }, claims);
    await expect(verifyAt(NOW_S, withToken(`Bearer ${await signByHand(header, claims)}`))).resolves.toBeTruthy();
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('malformed_token');
  });

  it('refuses a token without a user or an expiry, or not valid yet, as invalid_claims', async () => {
    for (const claims of [{ sub: undefined }, { sub: '' }, { exp: undefined }, { nbf: NOW_S + 60 }]) {
      const token = await sign(claims);
      expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('invalid_claims');
    }
  });

  it('refuses a token for another audience as wrong_audience, and takes it when told that audience', async () => {
    const token = await sign({ aud: 'billing' });
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('wrong_audience');
    await expect(verifyAt(NOW_S, withToken(`Bearer ${token}`), { audience: 'billing' })).resolves.toBeTruthy();
  });

  it('accepts a token up to the clock tolerance past its expiry, then refuses it as expired_token', async () => {
    const request = () => withToken(`Bearer ${token}`);
    const token = await sign();
    const exp = NOW_S + 600;
    await expect(verifyAt(exp + 4, request())).resolves.toBeTruthy();
    expect((await refusal(verifyAt(exp + 5, request()))).code).toBe('expired_token');
    expect((await refusal(verifyAt(exp, request(), { clockToleranceSeconds: 0 }))).code).toBe('expired_token');
    await expect(verifyAt(exp + 60, request(), { clockToleranceSeconds: 120 })).resolves.toBeTruthy();
  });

  it('refuses a token without an issue time (iat) as invalid_claims', async () => {
    const token = await sign({ iat: undefined });
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('invalid_claims');
  });

  it('refuses a token issued later than now plus the clock tolerance as invalid_claims', async () => {
    const request = (iat: number) => sign({ iat, exp: iat + 600 }).then((token) => withToken(`Bearer ${token}`));
    await expect(verifyAt(NOW_S, await request(NOW_S + 5))).resolves.toBeTruthy();
    expect((await refusal(verifyAt(NOW_S, await request(NOW_S + 6)))).code).toBe('invalid_claims');
    expect((await refusal(verifyAt(NOW_S, await request(NOW_S + 86_400)))).code).toBe('invalid_claims');
  });

  it('refuses a token that lasts longer than the handler can mint, unless maxLifetimeSeconds allows it', async () => {
    const request = (exp: number) => sign({ exp }).then((token) => withToken(`Bearer ${token}`));
    await expect(verifyAt(NOW_S, await request(NOW_S + 3600))).resolves.toBeTruthy();
    expect((await refusal(verifyAt(NOW_S, await request(NOW_S + 3601)))).code).toBe('invalid_claims');
    const tenYears = await request(NOW_S + 10 * 365 * 86_400);
    expect((await refusal(verifyAt(NOW_S, tenYears))).code).toBe('invalid_claims');
    await expect(verifyAt(NOW_S, await request(NOW_S + 7200), { maxLifetimeSeconds: 7200 })).resolves.toBeTruthy();
    expect((await refusal(verifyAt(NOW_S, await request(NOW_S + 601), { maxLifetimeSeconds: 600 }))).code).toBe(
      'invalid_claims',
    );
  });

  it('refuses a token whose typ header is not chatkit+jwt as wrong_type', async () => {
    // `null`: no typ header at all.
    for (const typ of ['JWT', 'at+jwt', null]) {
      const token = await sign({}, { typ });
      expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('wrong_type');
    }
  });

  it('refuses a token from another issuer as wrong_issuer, and takes it when told that issuer', async () => {
    for (const iss of ['someone-else', undefined]) {
      const token = await sign({ iss });
      expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('wrong_issuer');
    }
    const token = await sign({ iss: 'https://auth.example.com' });
    const request = withToken(`Bearer ${token}`);
    await expect(verifyAt(NOW_S, request, { issuer: 'https://auth.example.com' })).resolves.toBeTruthy();
  });

  it("accepts a token signed with any listed secret, picking the key by the token's kid", async () => {
    const OLD = 'the-previous-verify-secret-0123456789ab';
    const secret = [SECRET, OLD];
    for (const key of [KEY, new TextEncoder().encode(OLD)]) {
      const token = await sign({}, { key });
      await expect(verifyAt(NOW_S, withToken(`Bearer ${token}`), { secret })).resolves.toMatchObject({
        user: 'user_42',
      });
    }
    const dropped = await sign({}, { key: new TextEncoder().encode(OLD) });
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${dropped}`)))).code).toBe('unknown_key');
  });

  it('refuses a token without a kid, or whose kid names no listed key, as unknown_key', async () => {
    for (const kid of [null, 'bm90LWEta2V5', '%%%']) {
      const token = await sign({}, { kid });
      expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('unknown_key');
    }
  });

  it('refuses a token whose kid names a listed key it was not signed with as invalid_signature', async () => {
    const other = new TextEncoder().encode('an-attackers-own-secret-0123456789abcdef');
    const token = await sign({}, { key: other, kid: await kidOf(KEY) });
    expect((await refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`)))).code).toBe('invalid_signature');
  });

  it('matches the kid of a verify-only, non-extractable CryptoKey', async () => {
    const key = await crypto.subtle.importKey('raw', KEY, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    const request = withToken(`Bearer ${await sign()}`);
    await expect(verifyAt(NOW_S, request, { secret: key })).resolves.toMatchObject({ user: 'user_42' });
  });

  it('never puts the token or the secret in a refusal', async () => {
    const token = await sign({ exp: NOW_S - 3600 });
    const errors = await Promise.all([
      refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`))),
      refusal(verifyAt(NOW_S, withToken(`Bearer ${token.slice(0, -4)}AAAA`))),
      refusal(verifyAt(NOW_S, withToken(`Bearer ${token}`), { secret: `${SECRET}-other` })),
    ]);
    expect(errors.map((error) => error.code)).toEqual(['expired_token', 'invalid_signature', 'unknown_key']);
    for (const error of errors) {
      const text = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.cause)}`;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(token.split('.')[1]);
      expect(text).not.toContain('user_42');
    }
  });

  it('throws a TypeError, not a 401, for options a server must fix', async () => {
    const request = withToken(`Bearer ${await sign()}`);
    await expect(verifyAt(NOW_S, request, { secret: 'short' })).rejects.toThrow(TypeError);
    await expect(verifyAt(NOW_S, request, { secret: 'short' })).rejects.toThrow('verifyChatKitToken: options.secret');
    await expect(verifyAt(NOW_S, request, { clockToleranceSeconds: 301 })).rejects.toThrow('clockToleranceSeconds');
    await expect(verifyAt(NOW_S, request, { clockToleranceSeconds: -1 })).rejects.toThrow(TypeError);
    await expect(verifyAt(NOW_S, request, { maxLifetimeSeconds: 0 })).rejects.toThrow('maxLifetimeSeconds');
    await expect(verifyAt(NOW_S, request, { issuer: '' })).rejects.toThrow('options.issuer');
    await expect(verifyAt(NOW_S, request, { secret: [] })).rejects.toThrow('options.secret is an empty list');
    await expect(verifyAt(NOW_S, request, { secret: [SECRET, 'short'] })).rejects.toThrow(
      'options.secret[1] is 5 bytes',
    );
  });
});

describe('verifyChatKitToken with revocations', () => {
  const request = async (iat: number, sub = 'user_42') =>
    withToken(`Bearer ${await sign({ sub, iat, exp: iat + 600 })}`);

  it('refuses the tokens a user had when they signed out as revoked_token, and takes those minted after', async () => {
    let clock = NOW_S * 1000 + 400;
    const revocations = createMemoryChatKitRevocationStore({ now: () => clock });
    const before = await request(NOW_S - 30);
    await expect(verifyAt(NOW_S, before, { revocations })).resolves.toBeTruthy();
    await revocations.revoke('user_42');
    const error = await refusal(verifyAt(NOW_S, before, { revocations }));
    expect([error.code, error.status]).toEqual(['revoked_token', 401]);
    // Minted in the second of the sign-out: iat cannot tell before from after, so it is refused too.
    expect((await refusal(verifyAt(NOW_S, await request(NOW_S), { revocations }))).code).toBe('revoked_token');
    clock += 600;
    await expect(verifyAt(NOW_S + 1, await request(NOW_S + 1), { revocations })).resolves.toMatchObject({
      user: 'user_42',
    });
    await expect(verifyAt(NOW_S, await request(NOW_S - 30, 'user_7'), { revocations })).resolves.toBeTruthy();
  });

  it('refuses every token as revocation_unavailable (503) while the store fails, naming no user', async () => {
    const revocations: ChatKitRevocationStore = {
      revoke: async () => {},
      getRevokedAt: async (user) => {
        throw new Error(`store down while reading ${user}`);
      },
    };
    const error = await refusal(verifyAt(NOW_S, await request(NOW_S), { revocations }));
    expect([error.code, error.status]).toEqual(['revocation_unavailable', 503]);
    expect(`${error.message} ${String(error.cause)}`).not.toContain('user_42');
  });
});
