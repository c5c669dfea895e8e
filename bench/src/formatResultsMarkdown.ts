import type { RunDescription } from './describeRun.js';
import type { DayGoalResult } from './evaluateDayGoals.js';
import { formatBundles, formatParseCost, formatReactCost, formatRenewal } from './formatSections.js';
import { formatTable } from './formatTable.js';
import type { BundleRow } from './measureBundles.js';
import type { ParseCostRow } from './measureParseCost.js';
import type { ReactCostRow } from './measureReactCost.js';
import type { ValidityTradeOff } from './measureValidityTradeOff.js';
import type { SimulatedDay } from './SimulatedDay.js';
import type { DayResult } from './simulateDay.js';
import { SIMULATED_DAYS } from './simulatedDays.js';

/** Everything one run measured, as `results.json` holds it. */
export interface BenchResults {
  readonly run: RunDescription;
  readonly bundles: readonly BundleRow[];
  /** Every day's rows of the renewal table, each naming its day. */
  readonly renewal: readonly DayResult[];
  /** Each day's goals judged on our rows. */
  readonly renewalGoals: readonly DayGoalResult[];
  /** Ours with each `minValidityMs` on the faulty day and, on average, its variants. */
  readonly renewalTradeOff: ValidityTradeOff;
  readonly react: readonly ReactCostRow[];
  readonly parse: readonly ParseCostRow[];
}

/** What every day shares, said once above the days' tables. */
function describeEveryDay(day: SimulatedDay | undefined): string {
  if (!day) return '';
  const lead = day.chatKit.leadMs / 1000;
  return [
    `Every strategy lives through each day below on a discrete-event clock from ${new Date(day.startMs).toISOString()}`,
    `(no real time passes): it is created when the page loads, at the day's start, and disposed when the page closes,`,
    `at its end. Sessions last ${day.lifetimeSeconds} s and every request takes ${day.latencyMs} ms. On every day the`,
    `client's wall clock runs ${day.wallSkewMs / 60_000} min ahead while the backend's \`Date\` header tells true time: a`,
    'skewed clock is how the machine is, not a fault, so the fault-free days keep it. Each chat is a ChatKit widget: the',
    'app tells the strategy it opened (`openChat`, for strategies that use it), then the widget calls',
    `\`getClientSecret(null)\` on mount and \`getClientSecret(current)\` ${lead} s before its secret expires (and`,
    `${day.chatKit.retryMs / 1000} s later again after a failure, or when the secret it got has ${lead} s or less left).`,
    'Expired time counts awake time only, summed over callers. "One per lifetime of the day" is the day\'s length over',
    'the lifetime, the base of the goals\' multiples; "fewest covering the chats" is the fewest sessions that keep',
    "every open chat's secret unexpired through its awake time, a lower bound for a strategy whose callers never hold",
    'an expired secret. Each day, and the trade-off of the last subsection, is simulated twice and the run fails unless',
    'both count exactly the same.',
  ].join(' ');
}

/**
 * Formats one run's results as `RESULTS.md`: the machine and versions, then the four tables, each with the sentence
 * that says what it shows and how it was measured.
 *
 * @param results The run's results.
 * @returns The Markdown.
 */
export function formatResultsMarkdown(results: BenchResults): string {
  const { run, bundles, renewal, renewalGoals, renewalTradeOff, react, parse } = results;
  const sizes = formatBundles(bundles);
  const days = formatRenewal(SIMULATED_DAYS, renewal, renewalGoals, renewalTradeOff);
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

## 2. Renewal strategies on the same simulated days

${describeEveryDay(SIMULATED_DAYS[0])}

How each strategy renews:

${days.how}

${days.days}

${days.tradeOff}

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
