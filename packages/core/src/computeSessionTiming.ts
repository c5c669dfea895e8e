/** A moment on both local clocks: the wall clock (can jump) and the monotonic clock (may pause in sleep). */
export interface Instant {
  readonly wall: number;
  readonly mono: number;
}

/** The policy knobs that decide when a session is renewed. */
export interface SessionTimingPolicy {
  /**
   * A fixed fraction of the lifetime after which to renew, drawn uniformly between the two bounds; `null` to renew as
   * late as `minValidityMs` and the time a renewal needs allow.
   */
  readonly refreshWindow: readonly [number, number] | null;
  /** The validity a secret must have left to be handed out; capped at a quarter of the lifetime. */
  readonly minValidityMs: number;
  /** The shortest time between the start of two scheduled renewals. */
  readonly minRefreshIntervalMs: number;
}

/** When a session dies and when to renew it, on the local clocks. */
export interface SessionTiming {
  readonly expiry: Instant;
  readonly refreshDue: Instant;
  /** `minValidityMs` scaled to this session's lifetime. */
  readonly minValidityMs: number;
  /** The lifetime it was measured to have when it arrived. */
  readonly lifetimeMs: number;
}

// Tabs renewing the same kind of session spread their renewals over this fraction of the lifetime before the latest
// safe point, so that they do not all ask at once.
const SPREAD = 0.05;

// The Date header has whole seconds: the server's true time at its answer lies within the second after it.
const DATE_HEADER_RESOLUTION_MS = 1000;
// CHATKIT_SESSION_LIMITS.maxExpiresAfterSeconds, written out so browsers need not load the limits table.
const MAX_LIFETIME_MS = 600_000;

/**
 * Measures a session's lifetime from the moment before its request, in the server's time when it is known.
 *
 * @param expiresAtSeconds The session's `expires_at`, in Unix seconds.
 * @param serverTimeMs The server's clock when it answered (the `Date` header), or `null` when unknown.
 * @param start The local clocks just before the request was sent.
 * @returns The lifetime in milliseconds, zero or less when the session arrived expired (which only the server's clock
 *   can show: without it an impossible lifetime is read as a wrong local clock).
 */
export function measureSessionLifetime(expiresAtSeconds: number, serverTimeMs: number | null, start: Instant): number {
  const expiresAtMs = expiresAtSeconds * 1000;
  if (serverTimeMs !== null) {
    // The server answered after the request started, so its clock at the start was no later than this.
    return expiresAtMs - (serverTimeMs + DATE_HEADER_RESOLUTION_MS);
  }
  const local = expiresAtMs - start.wall;
  // Without the server's clock a wrong local clock shows as an impossible lifetime: assume the longest real one.
  return local > 0 && local <= MAX_LIFETIME_MS ? local : MAX_LIFETIME_MS;
}

/** Returns the instant `ms` after `start` on both clocks. */
export const addMs = (start: Instant, ms: number): Instant => ({ wall: start.wall + ms, mono: start.mono + ms });

/**
 * Computes when a session expires and when to renew it, on the local clocks.
 *
 * Without a `refreshWindow`, renewal falls as late as is safe: `minValidityMs` before expiry, less the time a renewal
 * may need (`renewalMs`: a slow request retried twice), less a random share of a small spread. With one, it falls at
 * a random fraction of the lifetime within it. Either way never later than `minValidityMs` before expiry, and never
 * sooner than `minRefreshIntervalMs` after the request started.
 *
 * @param lifetimeMs The session's lifetime from `start` (see `measureSessionLifetime`).
 * @param start The local clocks just before the request was sent.
 * @param policy The renewal policy.
 * @param random A number in [0, 1) for the jitter.
 * @param renewalMs How long a renewal may take, retries included.
 * @returns The timing.
 */
export function computeSessionTiming(
  lifetimeMs: number,
  start: Instant,
  policy: SessionTimingPolicy,
  random: number,
  renewalMs: number,
): SessionTiming {
  const minValidityMs = Math.min(policy.minValidityMs, Math.max(0, lifetimeMs) / 4);
  const latestMs = lifetimeMs - minValidityMs;
  const window = policy.refreshWindow;
  const planned = window
    ? lifetimeMs * (window[0] + (window[1] - window[0]) * random)
    : latestMs - renewalMs - lifetimeMs * SPREAD * random;
  const delayMs = Math.max(policy.minRefreshIntervalMs, Math.min(planned, latestMs));
  return { expiry: addMs(start, lifetimeMs), refreshDue: addMs(start, delayMs), minValidityMs, lifetimeMs };
}

/**
 * Places a session that came from elsewhere (another tab, an `initialSession`) on the local clocks: it keeps the
 * lifetime it was minted with when known (it may arrive late, after a sleep, and `minValidityMs` and the renewal point
 * scale by it), else the time it has left counts as its lifetime; it started that long before it expires.
 *
 * @param expiresAt When it expires on the local wall clock, in epoch milliseconds.
 * @param mintedLifetimeMs The lifetime it was minted with, or `0` when unknown.
 * @param now The local clocks now.
 * @returns Its lifetime, start and time left; `null` when it has none left.
 */
export function placeAdoptedSession(
  expiresAt: number,
  mintedLifetimeMs: number,
  now: Instant,
): { readonly lifetimeMs: number; readonly start: Instant; readonly remainingMs: number } | null {
  const remainingMs = expiresAt - now.wall;
  if (!(remainingMs > 0)) return null;
  const lifetimeMs = Math.max(remainingMs, mintedLifetimeMs);
  return { lifetimeMs, start: addMs(now, remainingMs - lifetimeMs), remainingMs };
}

/**
 * Returns how long is left until an instant, by whichever local clock says less.
 *
 * The monotonic clock may stand still while a laptop sleeps and the wall clock may be set back; taking the smaller
 * of the two never overstates what is left.
 *
 * @param instant The instant.
 * @param now The local clocks now.
 * @returns Milliseconds left, negative once past.
 */
export function getRemainingMs(instant: Instant, now: Instant): number {
  return Math.min(instant.wall - now.wall, instant.mono - now.mono);
}
