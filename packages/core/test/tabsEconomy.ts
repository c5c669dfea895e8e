import { formatTime, SECOND } from './lifecycleScenario.js';
import {
  MAX_JITTER_MS,
  MIN_REFRESH_INTERVAL_MS,
  MIN_VALIDITY_MS,
  ORPHAN_GRACE_MS,
  RETRY_BASE_DELAY_MS,
  SPREAD,
} from './tabsDefaults.js';

/** What a run recorded that bounds its mints (d). */
export interface EconomyRecord {
  readonly lifetimeSeconds: number;
  /** The slowest request the run sent (a hang counts as the request timeout). */
  readonly maxLatencyMs: number;
  /** Every tab's need (a hold, or a caller's ask for a lifetime), in true time. */
  readonly needs: readonly { readonly tab: number; readonly start: number; readonly end: number }[];
  /** Every request: who sent it, why, when, and when it ended. */
  readonly requests: readonly {
    readonly tab: number;
    readonly reason: string;
    readonly sentAt: number;
    readonly endedAt: number;
  }[];
  /** True times of the demand steps (hold, ask, prefetch). */
  readonly demands: readonly { readonly tab: number; readonly at: number }[];
  /** What may add a mint beyond the scheduled ones, counted as it happened. */
  readonly charges: { readonly [charge in 'opens' | 'replacing' | 'sleeps' | 'faults' | 'closes']: number };
}

/**
 * The economy bound (d). Every tab adopts a session another tab announces when it expires later, so all started
 * tabs hold the newest session, and a tab renews it only once it is past its renewal point (scheduled, on a wake-up,
 * or on demand: a hold after that point, a caller with no usable secret). That point lies at least
 *   P = max(minRefreshIntervalMs, L − minValidity − 3 × (slowest request + retryBaseDelayMs) − 5 % × L)
 * after the request that brought it, L being the lifetime as measured (the Date header's last second off) and the
 * slowest request the slowest this run sent (a hang counts as the request timeout). So within one episode of need
 * (some tab holds, or a caller asked within a lifetime: the union over tabs, in true time), consecutive mints are P
 * apart: ⌊duration / P⌋ + 1, plus 1 for a renewal decided as the episode ended (sent after its coordination).
 * What may add a mint beyond that, each charged once: a tab opening (its first session is its own: it heard no
 * announcement yet); a caller replacing the secret its tab shows (fetched at once); a demand (hold, call, prefetch)
 * while another tab's request is out or about to be sent (demands go out at once, uncoordinated); a sleep (a
 * renewal on waking, and up to two sessions discarded for landing across it); a failing or slow request (every open
 * tab may stop waiting for it and renew on its own); a tab closing mid-renewal; and 2 to spare.
 * Tabs that do not share (no adoption) renew once per period each, and a lapsed tab that renews renews outside the
 * episodes: both exceed it over two hours of several tabs.
 *
 * @param record What the run recorded.
 * @param now True time at the end of the run.
 * @returns The bound on mints and its terms in words.
 */
export function getEconomyBound(record: EconomyRecord, now: number): { bound: number; terms: string } {
  const lifetimeMs = (record.lifetimeSeconds - 1) * SECOND;
  const minValidityMs = Math.min(MIN_VALIDITY_MS, lifetimeMs / 4);
  const renewalMs = 3 * (record.maxLatencyMs + 50 + RETRY_BASE_DELAY_MS);
  const periodMs = Math.max(MIN_REFRESH_INTERVAL_MS, lifetimeMs - minValidityMs - renewalMs - SPREAD * lifetimeMs);
  // Need past the end of the run costs nothing: every tab is closed then.
  const needs = record.needs
    .map(({ start, end }) => ({ start, end: Math.min(end, now) }))
    .sort((x, y) => x.start - y.start);
  const episodes: { start: number; end: number }[] = [];
  for (const need of needs) {
    const last = episodes.at(-1);
    if (last && need.start <= last.end) last.end = Math.max(last.end, need.end);
    else episodes.push({ start: need.start, end: need.end });
  }
  const scheduled = episodes.reduce((sum, { start, end }) => sum + Math.floor((end - start) / periodMs) + 2, 0);
  const raceMs = MAX_JITTER_MS + ORPHAN_GRACE_MS;
  const races = record.demands.filter(({ tab, at }) =>
    record.requests.some((request) => request.tab !== tab && request.sentAt - raceMs <= at && at <= request.endedAt),
  ).length;
  const { opens, replacing, sleeps, faults, closes } = record.charges;
  const firsts = record.requests.filter((request) => request.reason === 'initial').length;
  const bound = scheduled + Math.min(opens, firsts) + replacing + races + sleeps + faults + closes + 2;
  const needMs = episodes.reduce((sum, { start, end }) => sum + end - start, 0);
  const terms = `${scheduled} for ${episodes.length} episodes of need (${formatTime(needMs)} in all, P = ${(periodMs / SECOND).toFixed(1)} s) + ${Math.min(opens, firsts)} first sessions of ${opens} tabs + ${replacing} replacing callers + ${races} racing demands + ${sleeps} for sleeps + ${faults} for faults + ${closes} closes + 2`;
  return { bound, terms };
}
