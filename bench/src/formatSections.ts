import type { DayGoalResult } from './evaluateDayGoals.js';
import { formatTable, kB, listOf, num, times } from './formatTable.js';
import { formatValidityTradeOff } from './formatValidityTradeOff.js';
import type { BundleRow } from './measureBundles.js';
import type { ParseCostRow } from './measureParseCost.js';
import type { ReactCostRow } from './measureReactCost.js';
import type { ValidityTradeOff } from './measureValidityTradeOff.js';
import type { SimulatedDay } from './SimulatedDay.js';
import type { DayResult } from './simulateDay.js';
import { renewalStrategies } from './strategies/renewalStrategies.js';

/** The names of the rows with the smallest value, ties included; `every strategy` when all tie. */
function bestOf<T extends { readonly strategy: string }>(rows: readonly T[], value: (row: T) => number): string {
  const least = Math.min(...rows.map(value));
  const best = rows.filter((row) => value(row) === least);
  return best.length === rows.length && rows.length > 2 ? 'every strategy' : listOf(best.map((row) => row.strategy));
}

/** Formats the bytes table, with the sentence that says what it shows. */
export function formatBundles(rows: readonly BundleRow[]) {
  const ours = rows[0];
  const withQuery = rows[1];
  const peers = rows.filter((row) => !row.entry.startsWith('ours') && row.gzipBytes !== null);
  const oursGzip = ours?.gzipBytes ?? 0;
  const smaller = peers
    .filter((row) => (row.gzipBytes ?? 0) < oursGzip)
    .map((row) => `${row.entry} (${kB(row.gzipBytes)})`);
  const larger = peers.filter((row) => (row.gzipBytes ?? 0) >= oursGzip).map((row) => row.entry);
  const sentence =
    `Ours (core + react) ships ${kB(oursGzip)} gzip without its peer React Query and ${kB(withQuery?.gzipBytes ?? null)} with it; ` +
    `${smaller.length ? `${listOf(smaller)} ${smaller.length === 1 ? 'is' : 'are'} smaller` : 'no alternative is smaller'}` +
    `${larger.length ? `, and ${listOf(larger)} ${larger.length === 1 ? 'is' : 'are'} larger` : ''}.`;
  const table = formatTable(
    ['entry', 'imports and uses', ' min', ' gzip', ' brotli', 'note'],
    rows.map((row) => [row.entry, row.uses, kB(row.minBytes), kB(row.gzipBytes), kB(row.brotliBytes), row.note ?? '']),
  );
  return { sentence, table };
}

function formatDaySentence(rows: readonly DayResult[]): string {
  const ours = rows[0];
  if (!ours) return '';
  return (
    `Ours made ${num(ours.requests)} session request${ours.requests === 1 ? '' : 's'} (${num(ours.requests / ours.minimumRequests, 2)}× the ` +
    `${num(ours.minimumRequests)} of one per lifetime of the day; the fewest that cover the chats is ` +
    `${num(ours.chatMinimumRequests)}), and its callers held an expired secret for ${num(ours.expiredMs / 1000)} s and ` +
    `saw ${num(ours.failedCalls)} failed calls; the fewest requests were made by ${bestOf(rows, (row) => row.requests)}, ` +
    `the least expired time was with ${bestOf(rows, (row) => row.expiredMs)}, and the fewest failed calls with ` +
    `${bestOf(rows, (row) => row.failedCalls)}.`
  );
}

function formatDayTable(rows: readonly DayResult[]): string {
  return formatTable(
    [
      'strategy',
      ' session requests',
      ' one per lifetime of the day',
      ' fewest covering the chats',
      ' caller-seconds holding an expired secret',
      ' callers affected',
      ' failed calls / calls',
    ],
    rows.map((row) => [
      row.strategy,
      num(row.requests),
      num(row.minimumRequests),
      num(row.chatMinimumRequests),
      num(row.expiredMs / 1000, 1),
      `${row.callersWithExpiredSecret} / ${row.callers}`,
      `${num(row.failedCalls)} / ${num(row.calls)}`,
    ]),
  );
}

function formatGoalLines(goals: readonly DayGoalResult[]): string {
  const byGoal = new Map<string, DayGoalResult[]>();
  for (const result of goals) byGoal.set(result.goal, [...(byGoal.get(result.goal) ?? []), result]);
  const line = ([goal, results]: [string, DayGoalResult[]]) =>
    `- ${goal}: ${results.map((r) => `${r.strategy} ${num(r.value, 1)}, **${r.pass ? 'pass' : 'fail'}**`).join('; ')}.`;
  return [...byGoal].map(line).join('\n');
}

/**
 * Formats the renewal tables, one per day: each with the sentence that describes the day, the sentence that says
 * what the table shows, and the day's goals judged on our rows; then the `minValidityMs` trade-off.
 *
 * @param days The days, in the order to show them.
 * @param rows Every day's rows.
 * @param goals The goals judged on our rows (`evaluateDayGoals`).
 * @param tradeOff The `minValidityMs` trade-off on one of the days (`measureValidityTradeOff`).
 * @returns The Markdown of the days and of the trade-off, and the list of how each strategy renews.
 */
export function formatRenewal(
  days: readonly SimulatedDay[],
  rows: readonly DayResult[],
  goals: readonly DayGoalResult[],
  tradeOff: ValidityTradeOff,
) {
  const sections = days.map((day, index) => {
    const dayRows = rows.filter((row) => row.day === day.name);
    const dayGoals = goals.filter((result) => result.day === day.name);
    return [
      `### 2.${index + 1} ${day.name}`,
      `${day.description} ${formatDaySentence(dayRows)}`,
      formatDayTable(dayRows),
      dayGoals.length ? `Goals of issue #16 for this day, judged on our rows:\n\n${formatGoalLines(dayGoals)}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  });
  const how = renewalStrategies.map((strategy) => `- **${strategy.name}**: ${strategy.summary}.`).join('\n');
  const tradeOffDay = days.find((day) => day.name === tradeOff.day);
  const heading = `### 2.${days.length + 1} The trade-off of \`minValidityMs\` on the ${tradeOff.day} day`;
  const trade = tradeOffDay ? formatValidityTradeOff(tradeOff, tradeOffDay, heading) : '';
  return { days: sections.join('\n\n'), how, tradeOff: trade };
}

/** Formats the React cost table, with the sentence that says what it shows. */
export function formatReactCost(rows: readonly ReactCostRow[]) {
  const [oursWhole, oursSecret, queryWhole, querySecret] = rows;
  const perRenewal = (row: ReactCostRow | undefined) => times(row?.rendersPerRenewal ?? 0);
  const fromToggles = (row: ReactCostRow | undefined) => num(row?.rendersFrom100Toggles ?? 0, 2);
  const sentence =
    `Per renewal, ours renders a whole-state consumer ${perRenewal(oursWhole)} and a secret-only consumer ` +
    `${perRenewal(oursSecret)}, React Query ${perRenewal(queryWhole)} and ${perRenewal(querySecret)}; 100 focus toggles ` +
    `on a fresh session cost ours ${fromToggles(oursWhole)} renders per consumer and ${oursWhole?.requestsFrom100Toggles ?? 0} ` +
    `requests, React Query ${fromToggles(queryWhole)} renders per whole-state consumer, ${fromToggles(querySecret)} per ` +
    `secret-only consumer and ${queryWhole?.requestsFrom100Toggles ?? 0} requests.`;
  const table = formatTable(
    [
      'strategy',
      'consumer',
      ' renders per consumer per renewal',
      ' renders per consumer from 100 focus toggles',
      ' requests from the toggles',
    ],
    rows.map((row) => [
      row.strategy,
      row.consumer,
      num(row.rendersPerRenewal, 2),
      num(row.rendersFrom100Toggles, 2),
      num(row.requestsFrom100Toggles),
    ]),
  );
  return { sentence, table };
}

/** Formats the parse cost table, with the sentence that says what it shows. */
export function formatParseCost(rows: readonly ParseCostRow[]) {
  const [baseline, parse, both] = rows;
  const ratio = baseline && parse ? parse.nsPerCall / baseline.nsPerCall : 0;
  const sentence =
    `\`parseChatSession\` (the opt-in \`parseSession\`) validates a parsed session in ${num(parse?.nsPerCall ?? 0)} ns, ` +
    `${num(ratio, 1)}× a plain \`JSON.parse\` of the same response (${num(baseline?.nsPerCall ?? 0)} ns); both ` +
    `together take ${num(both?.nsPerCall ?? 0)} ns, once per renewal.`;
  const table = formatTable(
    ['task', ' ns per call (median of runs)', ' per-run medians (ns)'],
    rows.map((row) => [row.task, num(row.nsPerCall), row.runs.map((value) => num(value)).join(', ')]),
  );
  return { sentence, table };
}
