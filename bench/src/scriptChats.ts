import { createRandom } from './createRandom.js';
import type { SimulatedChat } from './SimulatedDay.js';

/**
 * Scripts chats at seeded random times: each opens at a uniform time in `[fromMs, fromMs + withinMs)` and stays open a
 * uniform number of minutes in `minutes`. The same seed gives the same chats on every run and every day that uses it.
 *
 * @param plan The seed, the count, the window of opening times and the range of minutes open.
 * @returns The chats, in the order they were drawn.
 * @example
 * scriptChats({ seed: 37, count: 1, fromMs: 0, withinMs: 23 * 3_600_000, minutes: [5, 5] });
 */
export function scriptChats(plan: {
  seed: number;
  count: number;
  fromMs: number;
  withinMs: number;
  minutes: readonly [number, number];
}): SimulatedChat[] {
  const random = createRandom(plan.seed);
  const [shortest, longest] = plan.minutes;
  return Array.from({ length: plan.count }, () => {
    // Two draws per chat in this order: the faulty day's callers must stay those of the runs before days existed.
    const openMs = plan.fromMs + Math.floor(random() * plan.withinMs);
    const closeMs = openMs + Math.floor((shortest + random() * (longest - shortest)) * 60_000);
    return { openMs, closeMs };
  });
}
