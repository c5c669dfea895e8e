import { deltaDebugSteps } from './deltaDebugSteps.js';
import type { ViolationKind } from './lifecycleInvariants.js';
import { type LifecycleScenario, type LifecycleStep, MINUTE } from './lifecycleScenario.js';
import { runLifecycleScenario } from './runLifecycleScenario.js';

/** A scenario shrunk while it still breaks an invariant the same way. */
export interface ShrunkScenario {
  readonly scenario: LifecycleScenario;
  /** How many runs the shrinking took. */
  readonly runs: number;
}

/**
 * Shrinks a failing scenario while it still breaks an invariant the same way (`kind`): first simpler settings (no faults, right clocks),
 * then delta debugging over its steps (removing ever smaller chunks), then single callers and a shorter run. Stops
 * after `maxRuns` runs; deterministic.
 *
 * @param scenario A scenario that breaks it.
 * @param kind The kind of breach to keep.
 * @param maxRuns The most runs to spend.
 * @returns The smallest failing scenario found.
 */
export async function shrinkLifecycleScenario(
  scenario: LifecycleScenario,
  kind: ViolationKind,
  maxRuns = 200,
): Promise<ShrunkScenario> {
  let runs = 0;
  let best = scenario;
  const tryCandidate = async (candidate: LifecycleScenario) => {
    if (runs >= maxRuns) return false;
    runs += 1;
    const { violations } = await runLifecycleScenario(candidate, { stopOn: kind });
    if (!violations.some((violation) => violation.kind === kind)) return false;
    best = candidate;
    return true;
  };

  for (const simpler of [{ faultRate: 0 }, { serverClockOffsetMs: 0 }, { clientClockOffsetMs: 0 }]) {
    await tryCandidate({ ...best, config: { ...best.config, ...simpler } });
  }

  await deltaDebugSteps(
    () => best,
    tryCandidate,
    () => runs < maxRuns,
  );

  for (const [index, step] of best.steps.entries()) {
    if (step.kind !== 'callers' || step.count === 1) continue;
    const single: LifecycleStep = { ...step, count: 1 };
    await tryCandidate({ ...best, steps: best.steps.map((each, at) => (at === index ? single : each)) });
  }
  const lastAt = best.steps.at(-1)?.at ?? 0;
  if (lastAt + 2 * MINUTE < best.durationMs) await tryCandidate({ ...best, durationMs: lastAt + 2 * MINUTE });
  return { scenario: best, runs };
}
