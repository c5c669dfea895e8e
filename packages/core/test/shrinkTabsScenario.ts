import { deltaDebugSteps } from './deltaDebugSteps.js';
import { runTabsScenario } from './runTabsScenario.js';
import type { ViolationKind } from './tabsInvariants.js';
import type { TabsScenario } from './tabsScenario.js';

/** A scenario shrunk while it still breaks an invariant the same way. */
export interface ShrunkTabsScenario {
  readonly scenario: TabsScenario;
  /** How many runs the shrinking took. */
  readonly runs: number;
}

/**
 * Shrinks a failing scenario while it breaks the invariant the same way (`kind`): simpler settings (no faults, fewer
 * tabs), then ddmin over its steps. Stops after `maxRuns` runs; deterministic.
 *
 * @param scenario A scenario that breaks it.
 * @param kind The kind of breach to keep.
 * @param maxRuns The most runs to spend.
 * @returns The smallest failing scenario found.
 */
export async function shrinkTabsScenario(
  scenario: TabsScenario,
  kind: ViolationKind,
  maxRuns = 150,
): Promise<ShrunkTabsScenario> {
  let runs = 0;
  let best = scenario;
  const tryCandidate = async (candidate: TabsScenario) => {
    if (runs >= maxRuns) return false;
    runs += 1;
    const { violations } = await runTabsScenario(candidate, { stopOn: kind });
    if (!violations.some((violation) => violation.kind === kind)) return false;
    best = candidate;
    return true;
  };
  await tryCandidate({ ...best, config: { ...best.config, faultRate: 0 } });
  for (let tabs = best.config.tabs - 1; tabs >= 1; tabs -= 1) {
    if (!(await tryCandidate({ ...best, config: { ...best.config, tabs } }))) break;
  }
  await deltaDebugSteps(
    () => best,
    tryCandidate,
    () => runs < maxRuns,
  );
  return { scenario: best, runs };
}
