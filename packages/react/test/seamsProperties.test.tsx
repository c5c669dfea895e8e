import { afterEach, describe, expect, it, vi } from 'vitest';
import { SECOND } from '../../core/test/lifecycleScenario.js';
import { runSeamsScenario } from './runSeamsScenario.js';
import type { SeamsViolationKind } from './seamsInvariants.js';
import { createSeamsScenario } from './seamsScenario.js';

/*
 * A seeded property test of the seams between the provider, its hooks and React: per seed, two simulated hours of a
 * small app (StrictMode or not) whose page mounts, hides (<Activity>) and shows a ChatKit stand-in, a status badge and a
 * Suspense consumer, hovers (prefetch), switches between two or three users, hides the tab, sleeps the laptop, and meets
 * a backend that fails (500, 429 with Retry-After, network) and answers slowly. A failure names each broken invariant
 * once, with the seeds that broke it and the first one's trace. PROPERTY_SEEDS=400 searches deeper, PROPERTY_SEED=<n>
 * replays one seed, PROPERTY_DEBUG=1 prints its whole trace as it runs.
 */

// 40 in every run; PROPERTY_SEEDS searches deeper.
const SEEDS = Number(process.env.PROPERTY_SEEDS) || 40;
// PROPERTY_SEED replays one seed (the one a failure names).
const FIRST_SEED = Number(process.env.PROPERTY_SEED) || 1;
const LAST_SEED = Number(process.env.PROPERTY_SEED) || SEEDS;
// Seeds past the default run that found defects, replayed in every run: 111 and 135 (a secret ChatKit was replacing,
// handed back after a switch to another user and back), 514 and 903 (a prefetch cut short by a switch fetched when
// its user came back), 651 (so did a call ChatKit had made long before, left waiting on the old user's controller);
// 75, drawn after the remount step joined the scenario (a session that landed expired taught its controller no
// lifetime, so a Suspense call counted as need for 600 s, not 60).
const REGRESSION_SEEDS = process.env.PROPERTY_SEED ? [] : [75, 111, 135, 514, 651, 903];
const debug = Boolean(process.env.PROPERTY_DEBUG);

afterEach(() => {
  vi.useRealTimers();
});

describe('seeded runs of a React app around one provider', () => {
  it(
    `never hands ChatKit, nor shows, another user's or a stale secret, nor renews for nobody, over ${SEEDS} seeds of two hours`,
    async () => {
      // Each kind of violation once, with how many seeds broke it, their first few and the first one's trace.
      const byKind = new Map<SeamsViolationKind, { seeds: number[]; first: string }>();
      const list = [...Array.from({ length: LAST_SEED - FIRST_SEED + 1 }, (_, index) => FIRST_SEED + index)];
      for (const seed of [...list, ...REGRESSION_SEEDS.filter((seed) => seed > LAST_SEED)]) {
        for (const [kind, text] of await runSeamsScenario(createSeamsScenario(seed), { debug })) {
          const entry = byKind.get(kind) ?? { seeds: [], first: text };
          entry.seeds.push(seed);
          byKind.set(kind, entry);
        }
      }
      const seeds = list.length + REGRESSION_SEEDS.filter((seed) => seed > LAST_SEED).length;
      const report = [...byKind]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([kind, { seeds: broken, first }]) =>
            `${kind}: ${broken.length} of ${seeds} seeds (${broken.slice(0, 12).join(', ')}${broken.length > 12 ? ', …' : ''}); replay one with PROPERTY_SEED=<seed>. The first:\n${first}`,
        );
      expect(report.join('\n\n')).toBe('');
    },
    SEEDS * 3 * SECOND,
  );
});
