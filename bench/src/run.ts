import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './benchDir.js';
import { describeRun } from './describeRun.js';
import { evaluateDayGoals } from './evaluateDayGoals.js';
import { formatJson } from './formatJson.js';
import { formatResultsMarkdown } from './formatResultsMarkdown.js';
import { measureBundles } from './measureBundles.js';
import { measureParseCost } from './measureParseCost.js';
import { measureReactCost } from './measureReactCost.js';
import { type DayResult, simulateDay } from './simulateDay.js';
import { SIMULATED_DAYS } from './simulatedDays.js';
import { renewalStrategies } from './strategies/renewalStrategies.js';

const started = performance.now();
const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const begun = performance.now();
  const result = await work();
  console.error(`${name}: ${((performance.now() - begun) / 1000).toFixed(1)} s`);
  return result;
};

/** Runs every strategy through every day twice and fails unless both runs counted exactly the same. */
async function simulateTwice(): Promise<DayResult[]> {
  const runs: DayResult[][] = [];
  for (let run = 0; run < 2; run += 1) {
    const rows: DayResult[] = [];
    for (const day of SIMULATED_DAYS) {
      for (const strategy of renewalStrategies) rows.push(await simulateDay(strategy, day));
    }
    runs.push(rows);
  }
  const [first, second] = runs.map((rows) => JSON.stringify(rows));
  if (first !== second) {
    throw new Error(`The simulated days are not deterministic: two runs differ.\n${first}\n${second}`);
  }
  return runs[0] ?? [];
}

const run = describeRun();
const bundles = await step('1. bytes shipped', measureBundles);
const renewal = await step('2. renewal strategies (every day simulated twice, identical)', simulateTwice);
const ours = renewalStrategies.filter((strategy) => strategy.ours).map((strategy) => strategy.name);
const renewalGoals = evaluateDayGoals(SIMULATED_DAYS, renewal, ours);
const react = await step('3. React cost', measureReactCost);
const parse = await step('4. parse cost', measureParseCost);

const results = { run, bundles, renewal, renewalGoals, react, parse };
const markdown = formatResultsMarkdown(results);
writeFileSync(join(BENCH_DIR, 'RESULTS.md'), markdown);
writeFileSync(join(BENCH_DIR, 'results.json'), formatJson(results));
console.log(markdown);
console.error(
  `Wrote bench/RESULTS.md and bench/results.json in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
