import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECOND } from './lifecycleScenario.js';
import { runDefaultOptionsSeed } from './runDefaultOptionsSeed.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

// 100 in every run; PROPERTY_SEEDS searches deeper.
const SEEDS = Number(process.env.PROPERTY_SEEDS) || 100;

describe('seeded runs of the default options', () => {
  it(
    `never hands a caller, nor shows, a secret short of its validity over ${SEEDS} seeds of two hours`,
    async () => {
      const problems: string[] = [];
      for (let seed = 1; seed <= SEEDS; seed += 1) problems.push(...(await runDefaultOptionsSeed(seed)));
      expect(problems.join('\n\n')).toBe('');
      // Deeper searches (PROPERTY_SEEDS) take longer than the default five seconds.
    },
    Math.max(5 * SECOND, SEEDS * 100),
  );
});
