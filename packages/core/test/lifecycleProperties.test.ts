import { describe, expect, it } from 'vitest';
import { INVARIANTS, invariantOf, type Violation, type ViolationKind } from './lifecycleInvariants.js';
import { describeConfig, describeStep, formatTime, generateLifecycleScenario } from './lifecycleScenario.js';
import { runLifecycleScenario } from './runLifecycleScenario.js';
import { shrinkLifecycleScenario } from './shrinkLifecycleScenario.js';

// 200 in every run; PROPERTY_SEEDS searches deeper (`PROPERTY_SEEDS=3000 pnpm vitest run --project core`).
const SEEDS = Number(process.env.PROPERTY_SEEDS) || 200;
const SHRINK_RUNS = 200;
const LISTED_SEEDS = 30;

type Failures = Map<ViolationKind, { seed: number; violation: Violation }[]>;

/** Summarises which invariants broke in how many seeds, one line per invariant. */
function summarise(failures: Failures): string[] {
  const kinds = [...failures.keys()].sort();
  const invariants = [...new Set(kinds.map(invariantOf))];
  return invariants.map((invariant) => {
    const ways = kinds
      .filter((kind) => invariantOf(kind) === invariant)
      .map((kind) => `${kind.slice(3) || 'broken'} in ${failures.get(kind)?.length} seeds`);
    return `  (${invariant}) ${INVARIANTS[invariant]}: ${ways.join('; ')}`;
  });
}

/** Shrinks the first failing seed of each kind of breach and describes it with its trace and a replay line. */
async function describeFailures(failures: Failures): Promise<string> {
  const lines = [`Lifecycle invariants broken (${SEEDS} seeds × 2 simulated hours):`, ...summarise(failures)];
  for (const kind of [...failures.keys()].sort()) {
    const seeds = failures.get(kind) ?? [];
    const [first] = seeds;
    if (!first) continue;
    const original = generateLifecycleScenario(first.seed);
    const { scenario, runs } = await shrinkLifecycleScenario(original, kind, SHRINK_RUNS);
    const { violations } = await runLifecycleScenario(scenario, { stopOn: kind, record: true });
    const violation = violations.find((each) => each.kind === kind) ?? first.violation;
    const listed = seeds.slice(0, LISTED_SEEDS).map(({ seed }) => seed);
    lines.push(
      '',
      `(${kind}) in ${seeds.length} of ${SEEDS} seeds: ${listed.join(', ')}${seeds.length > LISTED_SEEDS ? ', …' : ''}`,
      `  seed ${first.seed} shrunk from ${original.steps.length} steps to ${scenario.steps.length} in ${runs} runs: ${describeConfig(scenario.config)}; ${formatTime(scenario.durationMs)} awake, then start() if stopped, 10 min, dispose()`,
      ...scenario.steps.map((step) => `    at ${formatTime(step.at)} awake: ${describeStep(step)}`),
      `  first breach at ${formatTime(violation.atMs)} true time: ${violation.message}`,
      '  trace (true time since the start):',
      ...violation.trace.map((line) => `    ${line}`),
      `  replay: await runLifecycleScenario(${JSON.stringify(scenario)}, { record: true })`,
    );
  }
  return lines.join('\n');
}

describe('createChatSessionController, seeded lifecycle simulation', () => {
  it(`keeps its invariants through ${SEEDS} seeds of 2 hours with sleeps, skewed clocks, faults, callers and stop()/start()`, async () => {
    const failures: Failures = new Map();
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const { violations } = await runLifecycleScenario(generateLifecycleScenario(seed));
      for (const violation of violations) {
        failures.set(violation.kind, [...(failures.get(violation.kind) ?? []), { seed, violation }]);
      }
    }
    if (failures.size > 0) expect.fail(await describeFailures(failures));
  }, 120_000);

  it('replays each scenario event for event, and its fast timer driver agrees with vi.advanceTimersByTimeAsync', async () => {
    for (let seed = 1; seed <= 8; seed += 1) {
      const scenario = generateLifecycleScenario(seed);
      const options = { record: true, traceLines: Number.POSITIVE_INFINITY };
      const first = await runLifecycleScenario(scenario, options);
      expect(first.trace.length).toBeGreaterThan(100);
      expect(await runLifecycleScenario(scenario, options)).toEqual(first);
      expect(await runLifecycleScenario(scenario, { ...options, exactTimers: true })).toEqual(first);
    }
  }, 30_000);
});
