import { controllerStrategy } from './controllerStrategy.js';
import { handBackCurrentStrategy } from './handBackCurrentStrategy.js';
import { keepWarmControllerStrategy } from './keepWarmControllerStrategy.js';
import { mintOnEveryCallStrategy } from './mintOnEveryCallStrategy.js';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';
import { refetchIntervalStrategy } from './refetchIntervalStrategy.js';
import { supabasePollStrategy } from './supabasePollStrategy.js';

/** The strategies of the renewal table, ours first (needed only while a chat is open, then always warm). */
export const renewalStrategies: readonly RenewalStrategyDefinition[] = [
  controllerStrategy,
  keepWarmControllerStrategy,
  mintOnEveryCallStrategy,
  handBackCurrentStrategy,
  refetchIntervalStrategy,
  supabasePollStrategy,
];
