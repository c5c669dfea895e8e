import type { ChatSessionControllerOptions } from '../src/ChatSessionControllerOptions.js';

/**
 * The schedule the engine's mechanics tests were written against: renew at 70–80 % of the lifetime, hand out secrets
 * with 30 s left, and renew whether or not anything needs the secret. Tests of the default schedule and of renewing
 * on demand live in `renewOnDemand.test.ts`.
 */
export const FIXED_SCHEDULE = {
  keepWarm: true,
  refreshWindow: [0.7, 0.8],
  minValidityMs: 30_000,
} as const satisfies Partial<ChatSessionControllerOptions>;
