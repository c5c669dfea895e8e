import type { SimulatedChat, SimulatedSleep } from './SimulatedDay.js';

/** The parts of `[from, to)` outside every sleep, in order. */
function awakeParts(from: number, to: number, sleeps: readonly SimulatedSleep[]): [number, number][] {
  let parts: [number, number][] = [[from, to]];
  for (const { atMs, ms } of sleeps) {
    parts = parts.flatMap(([a, b]): [number, number][] =>
      atMs >= b || atMs + ms <= a
        ? [[a, b]]
        : (
            [
              [a, atMs],
              [atMs + ms, b],
            ] as [number, number][]
          ).filter(([x, y]) => y > x),
    );
  }
  return parts;
}

/**
 * Counts the fewest sessions of `lifetimeMs` that keep a secret unexpired through every awake moment a chat is open:
 * a lower bound for any strategy whose callers never hold an expired secret. Greedy, which is optimal here: a
 * session is minted at the first uncovered moment and covers the lifetime that follows.
 *
 * @param chats The chats.
 * @param sleeps The sleeps (no secret is needed while the machine sleeps).
 * @param lifetimeMs The session lifetime.
 * @returns The count.
 * @example
 * countCoveringSessions([{ openMs: 0, closeMs: 300_000 }], [], 600_000); // 1
 */
export function countCoveringSessions(
  chats: readonly SimulatedChat[],
  sleeps: readonly SimulatedSleep[],
  lifetimeMs: number,
): number {
  const needed = chats
    .flatMap(({ openMs, closeMs }) => awakeParts(openMs, closeMs, sleeps))
    .sort((a, b) => a[0] - b[0]);
  let coveredUntil = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const [from, to] of needed) {
    let next = Math.max(from, coveredUntil);
    while (next < to) {
      count += 1;
      coveredUntil = next + lifetimeMs;
      next = coveredUntil;
    }
  }
  return count;
}
