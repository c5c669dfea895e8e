/**
 * Removes ever smaller chunks of a failing scenario's steps while it still fails: delta debugging (ddmin), testing
 * complements only. Shared by the single-tab and the multi-tab shrinkers.
 *
 * @param current The smallest failing scenario so far; `tryCandidate` makes a candidate that still fails the current one.
 * @param tryCandidate Runs a candidate; whether it still fails the same way.
 * @param hasRuns Whether the shrinker may spend another run.
 */
export async function deltaDebugSteps<TScenario extends { readonly steps: readonly unknown[] }>(
  current: () => TScenario,
  tryCandidate: (candidate: TScenario) => Promise<boolean>,
  hasRuns: () => boolean,
): Promise<void> {
  let chunks = 2;
  while (current().steps.length > 0 && hasRuns()) {
    const best = current();
    const { steps } = best;
    const size = Math.ceil(steps.length / chunks);
    let reduced = false;
    for (let start = 0; start < steps.length; start += size) {
      if (await tryCandidate({ ...best, steps: [...steps.slice(0, start), ...steps.slice(start + size)] })) {
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size === 1) break;
      chunks = Math.min(steps.length, chunks * 2);
    }
  }
}
