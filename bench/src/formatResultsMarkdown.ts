import type { RunDescription } from './describeRun.js';
import { formatBundles, formatParseCost, formatReactCost, formatRenewal } from './formatSections.js';
import { formatTable } from './formatTable.js';
import type { BundleRow } from './measureBundles.js';
import type { ParseCostRow } from './measureParseCost.js';
import type { ReactCostRow } from './measureReactCost.js';
import { type DayResult, SIMULATED_DAY } from './simulateDay.js';

/** Everything one run measured, as `results.json` holds it. */
export interface BenchResults {
  readonly run: RunDescription;
  readonly bundles: readonly BundleRow[];
  readonly renewal: readonly DayResult[];
  readonly react: readonly ReactCostRow[];
  readonly parse: readonly ParseCostRow[];
}

const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function describeDay(): string {
  const day = SIMULATED_DAY;
  const [first, second] = day.sleeps;
  const { rateLimited } = day.faults;
  return [
    `The day: 24 h of simulated time from ${new Date(day.startMs).toISOString()} on a discrete-event clock (no real time`,
    `passes), ${day.lifetimeSeconds} s sessions, ${day.latencyMs} ms per request, the same scripted faults at the same true`,
    `times for every strategy: ${day.faults.transientRate * 100} % of ${day.faults.transientSlotMs / 1000}-second slots fail`,
    `(network error, 500 or 503), every request from ${time(rateLimited.fromMs)} to ${time(rateLimited.toMs)} gets 429 with`,
    `\`Retry-After: ${rateLimited.retryAfterSeconds}\`, the machine sleeps 20 min at ${time(first?.atMs ?? 0)} (monotonic`,
    `clock paused, timers fire late) and at ${time(second?.atMs ?? 0)} (monotonic clock runs, overdue timers fire at`,
    'wake-up), the page turning hidden before and visible after, and the client wall clock runs',
    `${day.wallSkewMs / 60_000} min ahead (the backend's \`Date\` header tells true time). ${day.callers} callers are`,
    `ChatKit widgets opened at seeded random times and kept open ${day.chatMinutes[0]}–${day.chatMinutes[1]} min: each`,
    `calls \`getClientSecret(null)\` on mount and \`getClientSecret(current)\` ${day.chatKit.leadMs / 1000} s before its`,
    `secret expires (and ${day.chatKit.retryMs / 1000} s later again after a failure, or when the secret it got has`,
    `${day.chatKit.leadMs / 1000} s or less left). Expired time counts`,
    'awake time only, summed over callers; the minimum is one request per lifetime.',
  ].join(' ');
}

/**
 * Formats one run's results as `RESULTS.md`: the machine and versions, then the four tables, each with the sentence
 * that says what it shows and how it was measured.
 *
 * @param results The run's results.
 * @returns The Markdown.
 */
export function formatResultsMarkdown({ run, bundles, renewal, react, parse }: BenchResults): string {
  const sizes = formatBundles(bundles);
  const day = formatRenewal(renewal);
  const renders = formatReactCost(react);
  const parsing = formatParseCost(parse);
  const packages = Object.entries(run.packages).map(([name, version]) => `${name} ${version}`);
  return `# Benchmark results

Written by \`pnpm bench\` (see [README.md](README.md)); every table below comes from the same run, on ${run.date}.

${formatTable(
  ['', ''],
  [
    ['machine', `${run.os}; ${run.cpu}; ${run.cores} cores; ${run.memoryGb} GB`],
    ['Node', run.node],
    ['workspace commit', run.commit],
    ['packages', packages.join(', ')],
  ],
)}

## 1. Bytes shipped to the browser

${sizes.sentence}

${sizes.table}

Each entry (\`bench/src/entries/\`) imports and uses what an app would, and is bundled the same way by esbuild
${run.packages.esbuild}: ESM, minified, browser platform, \`process.env.NODE_ENV = "production"\`, legal comments
dropped, \`react\` and \`react-dom\` (with their subpaths) external. gzip at level 9, brotli at quality 11.

## 2. Renewal strategies on the same simulated day

${day.sentence}

${day.table}

${describeDay()}

${day.how}

## 3. React cost

${renders.sentence}

${renders.table}

react-dom ${run.packages['react-dom']} renders into happy-dom ${run.packages['happy-dom']} on the simulated clock: 10
consumers of each kind, 100 visibility toggles (each visible one also fires \`focus\`) one second apart on a fresh session,
then 80 minutes of renewals; renders are counted in the consumers' bodies.

## 4. Parse cost

${parsing.sentence}

${parsing.table}

tinybench ${run.packages.tinybench}: five runs of 250 ms per task on a session response of 11 top-level fields (one unknown, which is dropped); the table gives the
median of the runs' median latencies.
`;
}
