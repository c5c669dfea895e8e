import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatSessionController } from '../src/index.js';
import { createTestEnvironment } from './createTestEnvironment.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * A backend that mints credentials of one shape, as `Response`s with the server's `Date`, and remembers each secret's
 * true expiry.
 */
function createCredentialBackend(
  mint: (id: number, expiresAtSeconds: number) => Record<string, unknown>,
  lifetimeSeconds: number,
) {
  const expiries = new Map<string, number>();
  let requests = 0;
  const fetchSession = async () => {
    requests += 1;
    const now = Date.now();
    const expiresAt = Math.floor(now / 1000) + lifetimeSeconds;
    const body = mint(requests, expiresAt);
    expiries.set(String(body.client_secret ?? body.value), expiresAt * 1000);
    return Response.json(body, { headers: { date: new Date(now).toUTCString() } });
  };
  return {
    fetchSession,
    get requests() {
      return requests;
    },
    /** True milliseconds a secret has left. */
    validityOf: (secret: string) => (expiries.get(secret) ?? 0) - Date.now(),
  };
}

const SHAPES = [
  {
    name: 'an OpenAI Realtime client secret ({ value, expires_at, session }), 2 hours',
    lifetimeSeconds: 7200,
    mint: (id: number, expiresAt: number) => ({
      value: `ek_realtime_${id}`,
      expires_at: expiresAt,
      session: { type: 'realtime', model: 'gpt-realtime' },
    }),
  },
  {
    name: 'an app token from createChatKitTokenHandler ({ client_secret, expires_at, status }), 10 minutes',
    lifetimeSeconds: 600,
    mint: (id: number, expiresAt: number) => ({
      object: 'chatkit.token',
      client_secret: `eyJhbGciOiJIUzI1NiJ9.token_${id}.signature`,
      expires_at: expiresAt,
      status: 'active',
      user: 'user_42',
    }),
  },
] as const;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createChatSessionController with other credentials', () => {
  it.each(SHAPES)(
    'renews $name before it expires, with no option but fetchSession',
    async ({ lifetimeSeconds, mint }) => {
      const env = createTestEnvironment();
      const backend = createCredentialBackend(mint, lifetimeSeconds);
      const controller = createChatSessionController({
        fetchSession: backend.fetchSession,
        environment: env.environment,
      });
      controller.start();
      // The caller (ChatKit) asks on mount, and so keeps it renewed while it keeps asking.
      const asked = controller.getClientSecret();
      await vi.advanceTimersByTimeAsync(100);
      await asked;
      const first = controller.getState();
      expect(first.status).toBe('active');
      const minted: Record<string, unknown> = mint(1, 0);
      expect(first.clientSecret).toBe(minted.client_secret ?? minted.value);
      expect(await controller.getClientSecret()).toBe(first.clientSecret);

      // Over three lifetimes, every secret handed out has time left, and each is renewed once before it runs out.
      const handedOut: number[] = [];
      for (let elapsed = 0; elapsed < 3 * lifetimeSeconds * SECOND; elapsed += MINUTE) {
        await vi.advanceTimersByTimeAsync(MINUTE);
        handedOut.push(backend.validityOf(await controller.getClientSecret()));
      }
      expect(Math.min(...handedOut)).toBeGreaterThanOrEqual(30 * SECOND);
      expect(backend.requests).toBeGreaterThanOrEqual(4);
      expect(backend.requests).toBeLessThanOrEqual(5);
      expect(controller.getState().session).toMatchObject({ expires_at: expect.any(Number) });

      controller.dispose();
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(0);
      expect(env.listenerCount()).toBe(0);
    },
  );

  it('refuses a credential without a secret, naming both fields it looks for', async () => {
    const env = createTestEnvironment();
    const controller = createChatSessionController({
      fetchSession: async () => ({ token: 'abc', expires_at: Math.floor(Date.now() / 1000) + 600 }),
      environment: env.environment,
    });
    await expect(controller.getClientSecret()).rejects.toMatchObject({
      kind: 'invalid_response',
      message: expect.stringContaining('client_secret (or value) must be a non-empty string'),
    });
    controller.dispose();
  });
});
