import { createControllerStrategy } from './createControllerStrategy.js';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/**
 * Ours with `keepWarm: true`: the same controller renewing from `start()` to `stop()` whether a chat is open or not,
 * so a chat that opens finds a fresh secret waiting. The app code is otherwise the same, holds included.
 */
export const keepWarmControllerStrategy: RenewalStrategyDefinition = {
  name: 'ours, always warm (keepWarm: true)',
  summary:
    'as ours, but renews from `start()` to `stop()` whether a chat is open or not (`keepWarm: true`); it still ' +
    'waits while hidden',
  ours: true,
  create: createControllerStrategy({ keepWarm: true }),
};
