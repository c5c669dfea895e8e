import { controllerStrategy } from './controllerStrategy.js';
import { handBackCurrentStrategy } from './handBackCurrentStrategy.js';
import { mintOnEveryCallStrategy } from './mintOnEveryCallStrategy.js';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';
import { refetchIntervalStrategy } from './refetchIntervalStrategy.js';
import { supabasePollStrategy } from './supabasePollStrategy.js';

/** The strategies of the renewal table, ours first. */
export const renewalStrategies: readonly RenewalStrategyDefinition[] = [
  controllerStrategy,
  mintOnEveryCallStrategy,
  handBackCurrentStrategy,
  refetchIntervalStrategy,
  supabasePollStrategy,
];
