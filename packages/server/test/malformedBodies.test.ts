import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChatKitSession, createChatKitTokenHandler, createChatSessionHandler } from '../src/index.js';
import { createMockChatKitApi, type MockChatKitFailure } from '../src/mock.js';
import { toNodeListener } from '../src/node.js';
import { type LocalServer, listen } from './listen.js';

const API_KEY = 'sk-proj-Zq9FUZZTESTKEYxV7mW2';
const KEY_PIECES = [API_KEY, 'FUZZTESTKEY', API_KEY.slice(-4)];
const MAX_BODY_BYTES = 16_384;
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/** A malformed body and what the endpoint must say about it. */
interface Case {
  readonly body: string | Uint8Array<ArrayBuffer>;
  readonly code: string;
  /** Text the error message must contain to name the problem. */
  readonly names: string;
}

const bytesOf = (text: string) => new TextEncoder().encode(text).byteLength;
// Past the size limit every body gets the same 413, whatever else is wrong with it.
const sized = (body: string, code: string, names: string): Case =>
  bytesOf(body) > MAX_BODY_BYTES ? { body, code: 'body_too_large', names: 'larger than' } : { body, code, names };

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const json = fc.jsonValue({ maxDepth: 3 });
const fieldName = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((name) => name !== 'reason' && !FORBIDDEN.includes(name));
const quoted = (name: string) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);

const invalidJson = fc.oneof(
  fc.string({ minLength: 1 }).filter((text) => text.trim() !== '' && !parses(text)),
  fc.dictionary(fc.string(), json, { minKeys: 1 }).map((value) => JSON.stringify(value).slice(0, -1)),
  fc.constantFrom("{'reason':'initial'}", '{"reason":"initial",}', 'undefined', 'NaN', '{"reason":"\\x"}'),
);

const cases: fc.Arbitrary<Case> = fc.oneof(
  invalidJson.map((body) => sized(body, 'invalid_json', 'not valid JSON')),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .filter((bytes) => !isUtf8(bytes))
    .map((bytes) => ({ body: new Uint8Array(bytes), code: 'invalid_encoding', names: 'not UTF-8' })),
  fc
    .oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string(), fc.array(json))
    .map((value) => sized(JSON.stringify(value), 'invalid_body', 'must be a JSON object')),
  fc
    .tuple(fc.dictionary(fieldName, json, { minKeys: 1, maxKeys: 4 }), fc.option(fc.constantFrom('initial', 'retry')))
    .map(([fields, reason]) => {
      const body = JSON.stringify(reason === null ? fields : { reason, ...fields });
      const first = Object.keys(JSON.parse(body)).find((name) => name !== 'reason') ?? '';
      return sized(body, 'unknown_field', `Unknown field ${quoted(first)}`);
    }),
  fc
    .tuple(fc.constantFrom('user', 'workflow'), json)
    .map(([field, value]) => sized(JSON.stringify({ [field]: value }), 'unknown_field', 'the server decides')),
  json
    .filter((value) => typeof value !== 'string')
    .map((reason) => sized(JSON.stringify({ reason }), 'invalid_type', '"reason" must be a string')),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 1 }), fc.integer({ min: 65, max: 40_000 }))
    .map(([char, length]) => sized(JSON.stringify({ reason: char.repeat(length) }), 'string_too_long', '"reason"')),
  fc.tuple(fc.integer({ min: 16, max: 6_000 }), fc.constantFrom('array', 'object', 'reason')).map(([depth, shape]) => {
    if (shape === 'array') return sized(`${'['.repeat(depth)}${']'.repeat(depth)}`, 'invalid_body', 'an array');
    if (shape === 'object') return sized(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, 'unknown_field', '"a"');
    const body = `{"reason":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    return sized(body, 'invalid_type', '"reason" must be a string');
  }),
  fc.tuple(fc.constantFrom(...FORBIDDEN), json, fc.boolean()).map(([key, value, withReason]) => {
    const pollution = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    const body = withReason ? `{"reason":"initial",${pollution}}` : `{${pollution}}`;
    return sized(body, 'forbidden_field', `"${key}" is not allowed`);
  }),
);

const mock = createMockChatKitApi({ apiKey: API_KEY });
const seen: string[] = [];
const handler = createChatSessionHandler({
  apiKey: API_KEY,
  workflow: { id: 'wf_fuzz' },
  resolveUser: () => 'user_fuzz',
  fetch: mock.fetch,
  maxBodyBytes: MAX_BODY_BYTES,
  onError: (event) => seen.push(JSON.stringify({ ...event, error: String(event.error) })),
});
const TOKEN_SECRET = 'fuzz-token-secret-Hn4Kd8Wq2Zr6Tb0Y';
const tokenHandler = createChatKitTokenHandler({
  secret: TOKEN_SECRET,
  resolveUser: () => 'user_fuzz',
  maxBodyBytes: MAX_BODY_BYTES,
  onError: (event) => seen.push(JSON.stringify({ ...event, error: String(event.error) })),
});
let server: LocalServer;
let tokenServer: LocalServer;

async function expectNamedRejection(response: Response, expected: Case): Promise<void> {
  const text = await response.text();
  seen.push(text);
  expect(response.status).toBe(expected.code === 'body_too_large' ? 413 : 400);
  expect(response.headers.get('content-type')).toBe('application/json');
  const { error } = JSON.parse(text) as { error: { code: string; message: string; type: string } };
  expect(error.code).toBe(expected.code);
  expect(error.type).toBe('invalid_request_error');
  expect(error.message).toContain(expected.names);
}

beforeAll(async () => {
  server = await listen(toNodeListener(handler));
  tokenServer = await listen(toNodeListener(tokenHandler));
});

afterAll(async () => {
  await Promise.all([server.close(), tokenServer.close()]);
});

describe('createChatSessionHandler with malformed bodies', () => {
  it('answers each of 1200 generated bodies with a 4xx JSON error naming the problem, calling OpenAI never', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (expected) => {
        sent += 1;
        const response = await handler(
          new Request('http://localhost/api/chatkit/session', { method: 'POST', body: expected.body }),
        );
        await expectNamedRejection(response, expected);
      }),
      { numRuns: 1200 },
    );
    expect(sent).toBeGreaterThanOrEqual(1200);
    expect(mock.calls).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a sample of them the same way over real HTTP', async () => {
    const sample = fc.sample(cases, { numRuns: 80, seed: 5 });
    for (const expected of sample) {
      const response = await fetch(`${server.url}/api/chatkit/session`, { method: 'POST', body: expected.body });
      await expectNamedRejection(response, expected);
    }
    expect(mock.calls).toHaveLength(0);
  });
});

describe('createChatKitTokenHandler with malformed bodies', () => {
  it('answers each of 1000 generated bodies over real HTTP with a 4xx JSON error naming the problem', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (expected) => {
        sent += 1;
        const response = await fetch(`${tokenServer.url}/api/chatkit/token`, { method: 'POST', body: expected.body });
        await expectNamedRejection(response, expected);
      }),
      { numRuns: 1000 },
    );
    expect(sent).toBeGreaterThanOrEqual(1000);
    const afterwards = await fetch(`${tokenServer.url}/api/chatkit/token`, {
      method: 'POST',
      body: '{"reason":"retry"}',
    });
    expect(afterwards.status).toBe(200);
    const texts = seen.join('\n');
    expect([TOKEN_SECRET, TOKEN_SECRET.slice(-16)].filter((piece) => texts.includes(piece))).toEqual([]);
  });
});

describe('the API key', () => {
  const failures: MockChatKitFailure[] = [
    { kind: 'unauthorized' },
    { kind: 'workflow_not_found' },
    { kind: 'rate_limit', retryAfterSeconds: 3 },
    { kind: 'status', status: 503 },
    { kind: 'network' },
  ];

  it('appears in no answer, error message or log line of those runs or of upstream failures', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation((...parts) => void seen.push(parts.join(' ')));
    const withDefaultLogger = createChatSessionHandler({
      apiKey: API_KEY,
      workflow: { id: 'wf_fuzz' },
      resolveUser: () => 'user_fuzz',
      fetch: mock.fetch,
    });
    for (const failure of failures) {
      mock.fail(failure, failure);
      const response = await withDefaultLogger(new Request('http://localhost/api', { method: 'POST' }));
      seen.push(await response.text());
      const error = await createChatKitSession(
        { workflow: { id: 'wf_1' }, user: 'u' },
        { apiKey: API_KEY, fetch: mock.fetch },
      ).catch((caught: Error) => caught);
      seen.push(String(error), (error as Error).stack ?? '');
    }
    mock.configure({ apiKey: 'sk-proj-someoneElse0000' });
    const rejected = await withDefaultLogger(new Request('http://localhost/api', { method: 'POST' }));
    seen.push(await rejected.text());
    expect(logged).toHaveBeenCalledTimes(failures.length + 1);
    logged.mockRestore();

    expect(seen.length).toBeGreaterThan(2_500);
    expect(seen.some((text) => text.includes('Incorrect API key provided'))).toBe(true);
    const leaks = seen.filter((text) => KEY_PIECES.some((piece) => text.includes(piece)));
    expect(leaks).toEqual([]);
  });
});
