/** The backoff knobs for failed renewals. */
export interface RetryPolicy {
  /** The ceiling of the first retry's random delay. */
  readonly retryBaseDelayMs: number;
  /** The largest ceiling any retry's random delay can reach. */
  readonly retryMaxDelayMs: number;
}

/**
 * Computes the delay before retrying a failed renewal: capped exponential backoff with full jitter, never sooner
 * than the server's `Retry-After`.
 *
 * @param attempt How many attempts have failed in a row (1 for the first failure).
 * @param retryAfterMs The server's `Retry-After`, in milliseconds, when it sent one.
 * @param policy The backoff knobs.
 * @param random A number in [0, 1).
 * @returns The delay in milliseconds.
 */
export function computeRetryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: number,
): number {
  const ceiling = Math.min(policy.retryMaxDelayMs, policy.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(retryAfterMs ?? 0, Math.floor(ceiling * random));
}
