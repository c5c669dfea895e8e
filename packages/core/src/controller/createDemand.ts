import type { Instant } from '../computeSessionTiming.js';
import { isNeeded } from './renewalPolicy.js';

/**
 * What needs a controller's credential: holds (a mounted chat) and a caller's ask within a session's lifetime. A tuple,
 * not an object: its members are renamed by a minifier like locals, which property names never are.
 */
export type Demand = readonly [
  /** Takes a hold; returns the idempotent release. */
  hold: () => () => void,
  /** Notes that a caller asked for a secret at `at`: it may use it for a session's lifetime. */
  ask: (at: Instant) => void,
  /** Notes the lifetime of the last session: how long a caller's ask counts as a need. */
  learn: (lifetimeMs: number) => void,
  /** The lifetime of the last session (ChatKit's longest, 600 s, before any). */
  lifetimeMs: () => number,
  /** Whether renewals are needed now: `keepWarm`, a hold, or an ask within the last session's lifetime. */
  needs: (keepWarm: boolean, now: Instant) => boolean,
];

/**
 * Counts what needs the credential. When the last hold goes, the asks it made are forgotten and `onReleased` runs once
 * the current task is over, not at once: React's StrictMode releases a hold and takes it again in one go, which is no
 * release.
 *
 * @param onReleased Called when no hold is out after the task in which the last one was released.
 * @returns The demand.
 */
export function createDemand(onReleased: () => void): Demand {
  let holds = 0;
  let askedAt: Instant | null = null;
  let lifetimeMs = 600_000;
  return [
    () => {
      holds += 1;
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        holds -= 1;
        if (holds > 0) return;
        askedAt = null;
        queueMicrotask(() => holds === 0 && onReleased());
      };
    },
    (at) => {
      askedAt = at;
    },
    (lifetime) => {
      lifetimeMs = lifetime;
    },
    () => lifetimeMs,
    (keepWarm, now) => isNeeded(keepWarm, holds, askedAt, lifetimeMs, now),
  ];
}
