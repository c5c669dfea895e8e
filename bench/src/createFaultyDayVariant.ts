import type { SimulatedDay } from './SimulatedDay.js';

/** How much later each variant's 429 window falls: a prime number of seconds, so that variants meet it at unlike points of a session's lifetime. */
export const VARIANT_SHIFT_MS = 97_000;

/** Variant `k` picks its failing slots with the fault seed `VARIANT_SEED_BASE + k`. */
export const VARIANT_SEED_BASE = 100;

/**
 * Creates variant `k` of a day with faults: the same day with fault seed `100 + k` and its 429 window moved `k × 97 s`
 * later; its chats, sleeps, clock seed and goals are unchanged.
 *
 * @param day The day, which must have faults.
 * @param k The number of the variant.
 * @returns The variant, named after the day and `k`.
 * @example
 * const third = createFaultyDayVariant(faultyDay, 3);
 */
export function createFaultyDayVariant(day: SimulatedDay, k: number): SimulatedDay {
  const { faults } = day;
  if (!faults) throw new TypeError(`createFaultyDayVariant: the day "${day.name}" has no faults to vary.`);
  const { rateLimited } = faults;
  const shiftMs = k * VARIANT_SHIFT_MS;
  return {
    ...day,
    name: `${day.name}, variant ${k}`,
    faults: {
      ...faults,
      seed: VARIANT_SEED_BASE + k,
      rateLimited: { ...rateLimited, fromMs: rateLimited.fromMs + shiftMs, toMs: rateLimited.toMs + shiftMs },
    },
  };
}
