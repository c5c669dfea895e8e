import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionFixture } from '../test/createTestBackend.js';
import { createTestEnvironment } from '../test/createTestEnvironment.js';
import {
  type ChatSessionControllerOptions,
  type ChatSessionError,
  createChatSessionController,
  parseChatSession,
} from './index.js';

const validSession = (expiresAt: number) => ({
  ...sessionFixture,
  client_secret: 'ek_token_123',
  expires_at: expiresAt,
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Runs a controller whose backend answers once with `answer`, and returns the error it reports. */
async function errorFor(
  answer: () => Response | unknown,
  options: Partial<ChatSessionControllerOptions> = {},
): Promise<ChatSessionError> {
  const env = createTestEnvironment();
  const fetchSession = vi.fn(async () => answer());
  const controller = createChatSessionController({ ...options, fetchSession, environment: env.environment });
  const outcome = controller.getClientSecret(null).catch((error: ChatSessionError) => error);
  await vi.advanceTimersByTimeAsync(0);
  const error = await outcome;
  if (typeof error === 'string') throw new Error('expected an error, got a secret');
  expect(fetchSession).toHaveBeenCalledTimes(1);
  expect(controller.getState().error).toBe(error);
  expect(`${error.message}${String(error.stack)}`).not.toContain('ek_token_123');
  controller.dispose();
  return error;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('reading what fetchSession returns', () => {
  it('reports an HTML 502 page as a retryable server error with its request id', async () => {
    const error = await errorFor(
      () =>
        new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html', 'x-request-id': 'req_502' },
        }),
    );
    expect(error).toMatchObject({ name: 'ChatSessionError', kind: 'server', retryable: true, status: 502 });
    expect(error.requestId).toBe('req_502');
    expect(error.message).toBe('The session endpoint answered 502.');
  });

  it('reports a 200 whose body is not JSON as an invalid response naming its content type', async () => {
    const error = await errorFor(
      () => new Response('{"client_secret": "ek_tok', { headers: { 'content-type': 'application/json' } }),
    );
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, status: 200 });
    expect(error.message).toContain('not JSON (application/json)');
  });

  it('reports valid JSON that is not a session naming every field the controller needs', async () => {
    const error = await errorFor(() => Response.json({ client_secret: 'ek_token_123', expires_after: 600, status: 1 }));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toBe(
      'fetchSession did not return a ChatKit session: expires_at is missing; status must be a string when present.',
    );
    const negative = await errorFor(() => Response.json({ client_secret: 'ek_token_123', expires_at: -1 }));
    expect(negative.message).toBe(
      'fetchSession did not return a ChatKit session: expires_at must be Unix seconds: a whole number, not negative.',
    );
  });

  it.each([null, 'ek_token_123', [], 42])('reports %j as an invalid response without crashing', async (value) => {
    const error = await errorFor(() => value);
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe('fetchSession did not return a ChatKit session: it is not a JSON object.');
  });

  it('reports every problem with its path when parseSession is parseChatSession', async () => {
    const error = await errorFor(() => Response.json({ client_secret: 'ek_token_123', expires_after: 600 }), {
      parseSession: parseChatSession,
    });
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('id: is required');
    expect(error.message).toContain('expires_at: is required');
    expect(error.message).toContain('workflow: is required');
  });

  it('hides what a custom parseSession said, since it may echo the secret', async () => {
    const parseSession = () => {
      throw new Error('client_secret ek_token_123 is not allowed');
    };
    const error = await errorFor(() => Response.json(validSession(nowSeconds() + 600)), { parseSession });
    expect(error.message).toBe('fetchSession did not return a ChatKit session: parseSession rejected it.');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('reads a value with a text() method but no headers as session JSON, not as a response', async () => {
    const error = await errorFor(() => new Blob(['{"client_secret": "ek_token_123"}']));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('client_secret (or value) must be a non-empty string');
  });

  it('reports expires_at in milliseconds as an invalid response that says so', async () => {
    const error = await errorFor(() => Response.json(validSession(Date.now() + 600_000)));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('expires_at looks like milliseconds');
  });

  it('reports a cancelled session as an inactive session', async () => {
    const error = await errorFor(() => Response.json({ ...validSession(nowSeconds() + 600), status: 'cancelled' }));
    expect(error).toMatchObject({ kind: 'inactive_session', retryable: false });
    expect(error.message).toContain('"cancelled"');
  });

  it('reports a 429 with Retry-After: 30 as rate limited, and sends nothing for 30 s', async () => {
    const env = createTestEnvironment();
    const fetchSession = vi
      .fn()
      .mockResolvedValueOnce(
        Response.json({ error: { message: 'Too many sessions' } }, { status: 429, headers: { 'retry-after': '30' } }),
      )
      .mockImplementation(async () => Response.json(validSession(nowSeconds() + 600)));
    // Kept warm: the first request and its retry go out on the controller's own schedule, with no caller.
    const controller = createChatSessionController({ fetchSession, environment: env.environment, keepWarm: true });
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState().error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      status: 429,
      retryAfterMs: 30_000,
      message: 'The session endpoint answered 429: Too many sessions',
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fetchSession).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchSession).toHaveBeenCalledTimes(2);
    expect(controller.getState()).toMatchObject({ status: 'active', clientSecret: 'ek_token_123' });
    controller.dispose();
  });

  it('accepts the session JSON itself, without a Response', async () => {
    const env = createTestEnvironment();
    const controller = createChatSessionController({
      fetchSession: async () => validSession(nowSeconds() + 600),
      environment: env.environment,
    });
    expect(await controller.getClientSecret(null)).toBe('ek_token_123');
    controller.dispose();
  });

  it('reports a fetchSession that throws as a retryable network error', async () => {
    const error = await errorFor(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toContain('TypeError: Failed to fetch');
  });
});
