// Tabs due together spread over up to this window (less when the session has less slack), so the first one's
// announcement reaches the others in time.
const MAX_JITTER_MS = 2_000;
// Even tabs woken together with an expired session spread a little, so one renews for all.
const MIN_JITTER_MS = 300;

/** How long a tab waits before it renews a session it shares with other tabs. */
export interface TabWaits {
  /** The ceiling of the random delay before this tab tries: tabs due together spread over it. */
  readonly jitterMs: number;
  /** The longest wait for a renewal another tab announced. */
  readonly waitForAnnouncedMs: number;
}

/**
 * Plans a tab's waits from the slack of the session it holds (the validity left beyond `minValidityMs`): the more
 * slack, the longer it may wait for another tab, never past `requestTimeoutMs`.
 *
 * @param slackMs How long the renewal can wait (zero or less with no usable session).
 * @param requestTimeoutMs The longest a session request may take.
 * @returns The waits.
 */
export function computeTabWaits(slackMs: number, requestTimeoutMs: number): TabWaits {
  return {
    jitterMs: Math.min(MAX_JITTER_MS, Math.max(MIN_JITTER_MS, slackMs / 2)),
    // Another tab's renewal is worth waiting for only while this tab's session has time to spare.
    waitForAnnouncedMs: Math.min(requestTimeoutMs, Math.max(MAX_JITTER_MS, slackMs)),
  };
}
