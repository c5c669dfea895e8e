import { describe, expect, it } from 'vitest';
import { formatTime } from './lifecycleScenario.js';
import { runTabsScenario } from './runTabsScenario.js';
import { shrinkTabsScenario } from './shrinkTabsScenario.js';
import { INVARIANTS, invariantOf, type Violation, type ViolationKind } from './tabsInvariants.js';
import { describeConfig, describeStep, generateTabsScenario } from './tabsScenario.js';

/*
 * Seeded runs of 2–5 tabs of one origin sharing one session (`shareAcrossTabs: createTabSync`, one hub, one
 * sessionKey) with the default options: the adaptive schedule, renewing only for someone, waiting while hidden. Each
 * seed is two simulated hours of holds taken and released, tabs hidden and shown, getClientSecret callers (some
 * replacing the last secret they got), prefetches, backend faults (429 with Retry-After, 5xx, network errors, slow
 * answers, hangs), machine sleeps (one machine: every tab's clocks jump together; the monotonic clock runs or pauses),
 * and tabs closing and opening. A failing seed is shrunk and printed with the end of its trace.
 */

// 60 in every run; PROPERTY_SEEDS searches deeper (`PROPERTY_SEEDS=1000 pnpm vitest run --project core tabsProperties`).
const SEEDS = Number(process.env.PROPERTY_SEEDS) || 60;
// PROPERTY_SEED_LIST=305,427 replays those seeds only.
const SEED_LIST = process.env.PROPERTY_SEED_LIST?.split(',').map(Number) ?? null;
// Seeds past the default run that found defects, replayed in every run: 119 and 63 (a coordination that spanned a
// sleep renewed for nobody), 530 and 305 (a session adopted late was held to a quarter of its remaining time).
const REGRESSION_SEEDS = [63, 119, 305, 530];
const SHRINK_RUNS = 150;
const LISTED_SEEDS = 20;

type Failures = Map<ViolationKind, { seed: number; violation: Violation }[]>;

/** Shrinks the first failing seed of each kind of breach and describes it with its trace and a replay line. */
async function describeFailures(failures: Failures): Promise<string> {
  const kinds = [...failures.keys()].sort();
  const lines = [`Tab-sharing invariants broken (${SEEDS} seeds × 2 simulated hours):`];
  for (const invariant of new Set(kinds.map(invariantOf))) {
    const ways = kinds
      .filter((kind) => invariantOf(kind) === invariant)
      .map((kind) => `${kind.slice(3) || 'broken'} in ${failures.get(kind)?.length} seeds`);
    lines.push(`  (${invariant}) ${INVARIANTS[invariant]}: ${ways.join('; ')}`);
  }
  for (const kind of kinds) {
    const seeds = failures.get(kind) ?? [];
    const [first] = seeds;
    if (!first) continue;
    const original = generateTabsScenario(first.seed);
    const { scenario, runs } = await shrinkTabsScenario(original, kind, SHRINK_RUNS);
    const { violations } = await runTabsScenario(scenario, { stopOn: kind, record: true });
    const violation = violations.find((each) => each.kind === kind) ?? first.violation;
    const listed = seeds.slice(0, LISTED_SEEDS).map(({ seed }) => seed);
    lines.push(
      '',
      `(${kind}) in ${seeds.length} of ${SEEDS} seeds: ${listed.join(', ')}${seeds.length > LISTED_SEEDS ? ', …' : ''}`,
      `  seed ${first.seed}: ${first.violation.message}`,
      `  shrunk from ${original.steps.length} steps to ${scenario.steps.length} in ${runs} runs: ${describeConfig(scenario.config)}`,
      ...scenario.steps.map((step) => `    at ${formatTime(step.at)} awake: ${describeStep(step)}`),
      `  first breach at ${formatTime(violation.atMs)} true time: ${violation.message}`,
      '  trace (true time since the start):',
      ...violation.trace.map((line) => `    ${line}`),
      `  replay: await runTabsScenario(${JSON.stringify(scenario)}, { record: true })`,
    );
  }
  return lines.join('\n');
}

describe('tabs sharing one session, seeded simulation', () => {
  it(`keeps its invariants through ${SEEDS} seeds of 2 hours of 2–5 tabs with holds, callers, hiding, sleeps, faults, closing and opening`, async () => {
    const failures: Failures = new Map();
    const seeds = SEED_LIST ?? [...Array.from({ length: SEEDS }, (_, index) => index + 1), ...REGRESSION_SEEDS];
    for (const seed of seeds) {
      const { violations } = await runTabsScenario(generateTabsScenario(seed));
      for (const violation of violations) {
        failures.set(violation.kind, [...(failures.get(violation.kind) ?? []), { seed, violation }]);
      }
    }
    if (failures.size > 0) expect.fail(await describeFailures(failures));
  }, 600_000);
});
