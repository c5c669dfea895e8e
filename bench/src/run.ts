import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './benchDir.js';
import { describeRun } from './describeRun.js';
import { formatJson } from './formatJson.js';
import { formatResultsMarkdown } from './formatResultsMarkdown.js';
import { measureBundles } from './measureBundles.js';
import { measureParseCost } from './measureParseCost.js';
import { measureReactCost } from './measureReactCost.js';
import { measureRenewal } from './measureRenewal.js';

const started = performance.now();
const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const begun = performance.now();
  const result = await work();
  console.error(`${name}: ${((performance.now() - begun) / 1000).toFixed(1)} s`);
  return result;
};

const run = describeRun();
const bundles = await step('1. bytes shipped', measureBundles);
const renewal = await step(
  '2. renewal strategies (every day and the trade-off simulated twice, identical)',
  measureRenewal,
);
const react = await step('3. React cost', measureReactCost);
const parse = await step('4. parse cost', measureParseCost);

const results = { run, bundles, ...renewal, react, parse };
const markdown = formatResultsMarkdown(results);
writeFileSync(join(BENCH_DIR, 'RESULTS.md'), markdown);
writeFileSync(join(BENCH_DIR, 'results.json'), formatJson(results));
console.log(markdown);
console.error(
  `Wrote bench/RESULTS.md and bench/results.json in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
