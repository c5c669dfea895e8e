/**
 * Reads how long what an endpoint handed out lives: its `expires_at` against the answer's `Date`, the clock
 * `expires_at` is on (OpenAI's for a session, the endpoint's own for a token), so a skewed upstream clock changes
 * nothing.
 *
 * @param response The endpoint's successful answer: a session or a token, with a `Date` header.
 * @param now The endpoint's clock, for an answer without a `Date`.
 * @returns The lifetime in milliseconds, or `null` when the answer has no numeric `expires_at`.
 */
export async function readHandedOutLifetime(response: Response, now: () => number): Promise<number | null> {
  let expiresAt: unknown;
  try {
    // A clone: the browser still gets the body.
    expiresAt = ((await response.clone().json()) as { expires_at?: unknown } | null)?.expires_at;
  } catch {
    return null;
  }
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
  const date = Date.parse(response.headers.get('date') ?? '');
  return expiresAt * 1000 - (Number.isNaN(date) ? now() : date);
}
