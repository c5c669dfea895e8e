import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatKitTokenError,
  type ChatKitTokenHandlerOptions,
  type ChatKitTokenResource,
  createChatKitTokenHandler,
  verifyChatKitToken,
} from '../src/index.js';
import { toNodeListener } from '../src/node.js';
import { findPythonWithJwt } from './findPythonWithJwt.js';
import { type LocalServer, listen } from './listen.js';

// The README's Python check, run as written by Debian's PyJWT, against tokens minted over real HTTP: it and
// verifyChatKitToken must accept and refuse the same tokens, with the same codes. Both run on the real clock.
const SECRET = 'python-interop-secret-Vd8Kq2Ws5Mx7Rb3N';
const OLD_SECRET = 'python-interop-old-secret-Ty6Gh1Jp4Ze9';
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const servers: LocalServer[] = [];
let python: string;

/** The first Python block after the README's "same check in Python" heading: the check itself. */
function readmeCheck(): string {
  const section = README.slice(README.indexOf('### The same check in Python'));
  const code = /```python\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('The README has no Python block under "The same check in Python".');
  return code;
}

// Reads [authorization, …] as JSON on stdin and prints, for each, the user or the refusal's code.
const DRIVER = `
import json, sys
answers = []
for authorization in json.load(sys.stdin):
    try:
        answers.append({"user": read_chatkit_user(authorization)})
    except jwt.InvalidTokenError as error:
        answers.append({"code": code_of(error)})
print(json.dumps(answers))
`;

function verifyInPython(authorizations: string[], secrets = SECRET): { user?: string; code?: string }[] {
  const output = execFileSync(python, ['-c', `${readmeCheck()}\n${DRIVER}`], {
    input: JSON.stringify(authorizations),
    env: { ...process.env, CHATKIT_TOKEN_SECRET: secrets },
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

async function verifyInNode(authorization: string, secret: string | string[] = SECRET) {
  const request = new Request('http://127.0.0.1/chatkit', { headers: { authorization } });
  try {
    return { user: (await verifyChatKitToken(request, { secret })).user };
  } catch (error) {
    if (error instanceof ChatKitTokenError) return { code: error.code };
    throw error;
  }
}

async function mint(options: Partial<ChatKitTokenHandlerOptions> = {}): Promise<string> {
  const handler = createChatKitTokenHandler({ secret: SECRET, resolveUser: () => 'user_42', ...options });
  const server = await listen(toNodeListener(handler));
  servers.push(server);
  const response = await fetch(`${server.url}/api/chatkit/token`, { method: 'POST' });
  expect(response.status).toBe(200);
  return `Bearer ${((await response.json()) as ChatKitTokenResource).client_secret}`;
}

function tamper(authorization: string): string {
  const [header, payload, signature] = authorization.slice('Bearer '.length).split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
  return `Bearer ${header}.${forged}.${signature}`;
}

beforeAll(() => {
  python = findPythonWithJwt();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe("the README's Python check and verifyChatKitToken", () => {
  it('both accept a token of the token endpoint, as the same user', async () => {
    const token = await mint();
    expect(verifyInPython([token])).toEqual([{ user: 'user_42' }]);
    expect(await verifyInNode(token)).toEqual({ user: 'user_42' });
  });

  it('both refuse an expired, tampered, wrong-audience, wrong-issuer, future-iat or unknown-key token alike', async () => {
    const cases: [string, string][] = [
      ['expired_token', await mint({ now: () => Date.now() - 700_000 })],
      ['invalid_signature', tamper(await mint())],
      ['wrong_audience', await mint({ audience: 'billing' })],
      ['wrong_issuer', await mint({ issuer: 'someone-else' })],
      ['invalid_claims', await mint({ now: () => Date.now() + 3_600_000 })],
      ['unknown_key', await mint({ secret: OLD_SECRET })],
      ['missing_token', 'Basic dXNlcjpwYXNz'],
    ];
    const expected = cases.map(([code]) => ({ code }));
    expect(verifyInPython(cases.map(([, token]) => token))).toEqual(expected);
    expect(await Promise.all(cases.map(([, token]) => verifyInNode(token)))).toEqual(expected);
  });

  it('both accept, while keys rotate, a token signed with either listed secret', async () => {
    const tokens = [await mint({ secret: [SECRET, OLD_SECRET] }), await mint({ secret: OLD_SECRET })];
    expect(verifyInPython(tokens, `${SECRET},${OLD_SECRET}`)).toEqual([{ user: 'user_42' }, { user: 'user_42' }]);
    for (const token of tokens) expect(await verifyInNode(token, [SECRET, OLD_SECRET])).toEqual({ user: 'user_42' });
  });
});
