import { type MintedSession, SimHttpError } from '../createSimBackend.js';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

// The constants of @supabase/auth-js (lib/constants.ts).
const TICK_MS = 30_000;
const TICK_THRESHOLD = 3;
const EXPIRY_MARGIN_MS = TICK_THRESHOLD * TICK_MS;
const FAILURE_COOLDOWN_MS = 2 * TICK_MS;

const isRetryable = (error: unknown) => error instanceof SimHttpError && (error.status === 0 || error.status >= 500);

/**
 * The Supabase auth-js pattern adapted to ChatKit sessions: a 30-second tick renews when `expires_at` (server time)
 * is within three ticks of the local `Date.now()`; `getSession()` renews first when less than 90 s are left; one
 * refresh at a time, retried with 200 ms·2ⁿ backoff within one tick for network errors and 5xx, a 60 s cooldown after
 * a failure, the session kept after a failure while the local clock says it is valid; ticks stop while hidden.
 */
export const supabasePollStrategy: RenewalStrategyDefinition = {
  name: '30 s poll, renew within 90 s (Supabase)',
  summary: '`setInterval(tick, 30 s)` comparing server `expires_at` with the local `Date.now()`, as auth-js does',
  create({ clock, backend }) {
    let session: MintedSession | null = null;
    let inflight: Promise<MintedSession> | null = null;
    let failure: { error: unknown; untilMs: number } | null = null;
    const msLeft = () => (session ? session.expires_at * 1000 - clock.wallNow() : Number.NEGATIVE_INFINITY);

    const attempt = async (startedMs: number, count: number): Promise<MintedSession> => {
      try {
        return await backend.mint();
      } catch (error) {
        const delay = 200 * 2 ** count;
        if (!isRetryable(error) || clock.trueNow() + delay - startedMs >= TICK_MS) throw error;
        await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), delay));
        return attempt(startedMs, count + 1);
      }
    };
    const refresh = (): Promise<MintedSession> => {
      if (inflight) return inflight;
      if (failure && clock.wallNow() < failure.untilMs) return Promise.reject(failure.error);
      inflight = attempt(clock.trueNow(), 0).then(
        (next) => {
          session = next;
          failure = null;
          inflight = null;
          return next;
        },
        (error: unknown) => {
          if (!isRetryable(error) && msLeft() <= 0) session = null;
          failure = { error, untilMs: clock.wallNow() + FAILURE_COOLDOWN_MS };
          inflight = null;
          throw error;
        },
      );
      return inflight;
    };
    const tick = () => {
      if (session && Math.floor(msLeft() / TICK_MS) <= TICK_THRESHOLD) refresh().catch(() => {});
    };
    // auth-js starts its ticker on load only in a visible tab (`_onVisibilityChanged(true)`).
    let ticker: number | null = clock.isVisible() ? clock.setInterval(tick, TICK_MS) : null;
    const onVisibility = () => {
      if (ticker !== null) clock.clearInterval(ticker);
      ticker = clock.isVisible() ? clock.setInterval(tick, TICK_MS) : null;
      if (clock.isVisible()) tick();
    };
    clock.eventTarget.addEventListener('visibilitychange', onVisibility);
    refresh().catch(() => {});

    return {
      async getClientSecret() {
        if (session && msLeft() >= EXPIRY_MARGIN_MS) return session.client_secret;
        try {
          return (await refresh()).client_secret;
        } catch (error) {
          if (session && msLeft() > 0) return session.client_secret;
          throw error;
        }
      },
      dispose() {
        if (ticker !== null) clock.clearInterval(ticker);
        clock.eventTarget.removeEventListener('visibilitychange', onVisibility);
      },
    };
  },
};
