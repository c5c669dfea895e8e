/**
 * Creates a seeded pseudo-random number generator (mulberry32), so caller times, faults and jitter repeat exactly
 * from run to run.
 *
 * @param seed The seed.
 * @returns A function returning numbers in [0, 1).
 * @example
 * const random = createRandom(37);
 * random(); // the same first number on every run
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
