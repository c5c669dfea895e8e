import { VARIANT_SEED_BASE, VARIANT_SHIFT_MS } from './createFaultyDayVariant.js';
import { formatTable, listOf, num } from './formatTable.js';
import { DEFAULT_MIN_VALIDITY_MS, type ValidityTradeOff, type ValidityTradeOffRow } from './measureValidityTradeOff.js';
import type { SimulatedDay } from './SimulatedDay.js';

const seconds = (ms: number) => `${num(ms / 1000)} s`;
const expired = (row: ValidityTradeOffRow, of: 'day' | 'mean') => row[of].expiredMs / 1000;

/** Says how a measure compares with the default's: `climb to` when every other value is above it, `are` otherwise. */
function compare(rows: readonly ValidityTradeOffRow[], base: number, of: (row: ValidityTradeOffRow) => number) {
  const verb = rows.every((row) => of(row) > base) ? 'climb to' : 'are';
  const values = rows.map((row) => `${num(of(row), 1)} at ${seconds(row.minValidityMs)} (${num(of(row) / base, 2)}×)`);
  return `${verb} ${listOf(values)}`;
}

function formatChoice(tradeOff: ValidityTradeOff, day: SimulatedDay): string {
  const chosen = tradeOff.rows.find((row) => row.minValidityMs === DEFAULT_MIN_VALIDITY_MS);
  if (!chosen) return '';
  const below = tradeOff.rows.filter((row) => row.minValidityMs < DEFAULT_MIN_VALIDITY_MS).reverse();
  const above = tradeOff.rows.filter((row) => row.minValidityMs > DEFAULT_MIN_VALIDITY_MS);
  const failed = (row: ValidityTradeOffRow) => row.mean.failedCalls;
  const requests = (row: ValidityTradeOffRow) => row.mean.requests;
  const met = chosen.goals.filter((goal) => goal.pass).length;
  return (
    `The library picked ${seconds(DEFAULT_MIN_VALIDITY_MS)}, the default: a caller needs the successor before it ` +
    `asks for one, and ChatKit asks ${seconds(day.chatKit.leadMs)} before its secret expires in this simulation, as ` +
    "peers renew a minute early (oidc-client-ts's `accessTokenExpiringNotificationTimeInSeconds` defaults to 60, " +
    "LiveKit's `TokenSource` treats a token within a minute of expiry as expired). Measured on the mean: below it, " +
    `failed calls ${compare(below, failed(chosen), failed)} against ${num(failed(chosen), 1)} at ` +
    `${seconds(DEFAULT_MIN_VALIDITY_MS)}; above it, requests ${compare(above, requests(chosen), requests)} against ` +
    `${num(requests(chosen), 1)}. At ${seconds(DEFAULT_MIN_VALIDITY_MS)} the mean meets ${met} of the day's ` +
    `${chosen.goals.length} goals; the bench's own draw of the day gave ${num(chosen.day.requests)} requests, ` +
    `${num(expired(chosen, 'day'), 1)} s expired and ${num(chosen.day.failedCalls)} failed calls.`
  );
}

/**
 * Formats the `minValidityMs` trade-off as a subsection of the renewal section: what it measures, the table, and
 * which value the library picked and why.
 *
 * @param tradeOff The trade-off (`measureValidityTradeOff`).
 * @param day The day it was measured on.
 * @param heading The subsection's heading.
 * @returns The Markdown.
 */
export function formatValidityTradeOff(tradeOff: ValidityTradeOff, day: SimulatedDay, heading: string): string {
  const faults = day.faults;
  const windowMinutes = faults ? (faults.rateLimited.toMs - faults.rateLimited.fromMs) / 60_000 : 0;
  const n = tradeOff.variants;
  const intro =
    `The ${day.name} day is one draw of where its ${num(windowMinutes)}-minute 429 window falls against a ` +
    `session's renewal point. Ours with its defaults but for \`minValidityMs\` lives through the day itself and ` +
    `through ${n} variants of it (variant k, 1 to ${n}: fault seed ${VARIANT_SEED_BASE} + k and the 429 window ` +
    `k × ${seconds(VARIANT_SHIFT_MS)} later; all else equal); the day's goals of issue #16 are judged on the mean.`;
  const table = formatTable(
    [
      'minValidityMs',
      ' requests (the day)',
      ' caller-seconds expired (the day)',
      ' failed calls (the day)',
      ` requests (mean of ${n})`,
      ` caller-seconds expired (mean of ${n})`,
      ` failed calls (mean of ${n})`,
      'goals of #16 on the mean',
    ],
    tradeOff.rows.map((row) => {
      const missed = row.goals.filter((goal) => !goal.pass).map((goal) => goal.goal);
      return [
        `${seconds(row.minValidityMs)}${row.minValidityMs === DEFAULT_MIN_VALIDITY_MS ? ' (default)' : ''}`,
        num(row.day.requests),
        num(expired(row, 'day'), 1),
        num(row.day.failedCalls),
        num(row.mean.requests, 1),
        num(expired(row, 'mean'), 1),
        num(row.mean.failedCalls, 1),
        missed.length ? `**fail**: ${missed.join('; ')}` : `**pass** (all ${row.goals.length})`,
      ];
    }),
  );
  return [heading, intro, table, formatChoice(tradeOff, day)].join('\n\n');
}
