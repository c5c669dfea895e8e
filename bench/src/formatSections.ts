import { formatTable, kB, listOf, num, times } from './formatTable.js';
import type { BundleRow } from './measureBundles.js';
import type { ParseCostRow } from './measureParseCost.js';
import type { ReactCostRow } from './measureReactCost.js';
import { type DayResult, SIMULATED_DAY } from './simulateDay.js';
import { renewalStrategies } from './strategies/renewalStrategies.js';

/** The names of the rows with the smallest value, ties included. */
function bestOf<T extends { readonly strategy: string }>(rows: readonly T[], value: (row: T) => number): string {
  const least = Math.min(...rows.map(value));
  return listOf(rows.filter((row) => value(row) === least).map((row) => row.strategy));
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

/** Formats the renewal table, with the sentence that says what it shows. */
export function formatRenewal(rows: readonly DayResult[]) {
  const ours = rows[0];
  const sentence = ours
    ? `Ours made ${num(ours.requests)} session requests (${num(ours.requests / ours.minimumRequests, 2)}× the minimum of ` +
      `${num(ours.minimumRequests)}), and its callers held an expired secret for ${num(ours.expiredMs / 1000)} s and saw ` +
      `${num(ours.failedCalls)} failed calls; the fewest requests were made by ${bestOf(rows, (row) => row.requests)}, ` +
      `the least expired time was with ${bestOf(rows, (row) => row.expiredMs)}, and the fewest failed calls with ` +
      `${bestOf(rows, (row) => row.failedCalls)}.`
    : '';
  const table = formatTable(
    [
      'strategy',
      ' session requests',
      ' theoretical minimum',
      ' caller-seconds holding an expired secret',
      ' callers affected',
      ' failed calls / calls',
    ],
    rows.map((row) => [
      row.strategy,
      num(row.requests),
      num(row.minimumRequests),
      num(row.expiredMs / 1000, 1),
      `${row.callersWithExpiredSecret} / ${SIMULATED_DAY.callers}`,
      `${num(row.failedCalls)} / ${num(row.calls)}`,
    ]),
  );
  const how = renewalStrategies.map((strategy) => `- **${strategy.name}**: ${strategy.summary}.`).join('\n');
  return { sentence, table, how };
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
