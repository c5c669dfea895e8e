import { connectQueryManagers } from './connectQueryManagers.js';
import { type CallerTally, type ChatKitTiming, createChatKitCaller, type SleepWindow } from './createChatKitCaller.js';
import { createRandom } from './createRandom.js';
import { createSimBackend, type SimFaultPlan } from './createSimBackend.js';
import { createSimClock, settle } from './createSimClock.js';
import type { RenewalStrategyDefinition } from './strategies/RenewalStrategy.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START_MS = Date.UTC(2026, 10, 26);

/** The scripted day every strategy lives through. */
export const SIMULATED_DAY = {
  startMs: START_MS,
  lengthMs: DAY,
  lifetimeSeconds: 600,
  latencyMs: 200,
  seed: 37,
  callers: 100,
  /** Each caller is a chat opened at a random time before 23:00 and kept open 5 to 60 minutes. */
  chatMinutes: [5, 60] as const,
  /** The client's wall clock runs 37 minutes ahead; the backend's `Date` header tells true time. */
  wallSkewMs: 37 * MINUTE,
  chatKit: { leadMs: 60_000, retryMs: 30_000 } satisfies ChatKitTiming,
  sleeps: [
    { atMs: START_MS + 6 * HOUR, ms: 20 * MINUTE, monotonicAdvances: false },
    { atMs: START_MS + 15 * HOUR, ms: 20 * MINUTE, monotonicAdvances: true },
  ],
  faults: {
    transientRate: 0.1,
    transientSlotMs: 1_000,
    seed: 11,
    rateLimited: { fromMs: START_MS + 10 * HOUR, toMs: START_MS + 10 * HOUR + 10 * MINUTE, retryAfterSeconds: 60 },
  } satisfies SimFaultPlan,
};

/** What one strategy did on the simulated day. */
export interface DayResult extends CallerTally {
  readonly strategy: string;
  /** Session requests that reached the backend during the day. */
  readonly requests: number;
  /** The day's length over the session lifetime: one request per lifetime. */
  readonly minimumRequests: number;
}

type DayEvent =
  | { atMs: number; kind: 'mount' | 'unmount'; caller: number }
  | { atMs: number; kind: 'sleep'; sleep: number };

function scriptDay(day: typeof SIMULATED_DAY): DayEvent[] {
  const random = createRandom(day.seed);
  const [shortest, longest] = day.chatMinutes;
  const events: DayEvent[] = day.sleeps.map((sleep, index) => ({ atMs: sleep.atMs, kind: 'sleep', sleep: index }));
  for (let caller = 0; caller < day.callers; caller += 1) {
    const mountMs = day.startMs + Math.floor(random() * (day.lengthMs - HOUR));
    const openMs = Math.floor((shortest + random() * (longest - shortest)) * MINUTE);
    events.push({ atMs: mountMs, kind: 'mount', caller }, { atMs: mountMs + openMs, kind: 'unmount', caller });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}

/**
 * Runs one strategy through the scripted day on a simulated clock (no real time passes) and tallies what its
 * callers saw.
 *
 * @param definition The strategy.
 * @param day The day. Defaults to `SIMULATED_DAY`.
 * @returns The requests, the minimum, and the callers' tally.
 */
export async function simulateDay(
  definition: RenewalStrategyDefinition,
  day: typeof SIMULATED_DAY = SIMULATED_DAY,
): Promise<DayResult> {
  const clock = createSimClock({ startMs: day.startMs, wallSkewMs: day.wallSkewMs, seed: day.seed });
  const disconnect = connectQueryManagers(clock);
  const backend = createSimBackend(clock, { ...day, faults: day.faults });
  const strategy = definition.create({ clock, backend });
  const tally: CallerTally = { calls: 0, failedCalls: 0, expiredMs: 0, callersWithExpiredSecret: 0 };
  const sleeps: SleepWindow[] = day.sleeps.map(({ atMs, ms }) => ({ fromMs: atMs, toMs: atMs + ms }));
  const callers = Array.from({ length: day.callers }, () =>
    createChatKitCaller({ clock, backend, strategy, tally, timing: day.chatKit, sleeps }),
  );
  for (const event of scriptDay(day)) {
    await clock.runUntil(event.atMs);
    if (event.kind === 'mount') callers[event.caller]?.mount();
    if (event.kind === 'unmount') callers[event.caller]?.unmount();
    if (event.kind === 'sleep') {
      const sleep = day.sleeps[event.sleep];
      if (!sleep) continue;
      clock.setVisible(false);
      await settle();
      clock.sleep(sleep.ms, sleep);
      clock.setVisible(true);
    }
    await settle();
  }
  await clock.runUntil(day.startMs + day.lengthMs);
  const requests = backend.requests;
  strategy.dispose();
  await clock.runUntil(day.startMs + day.lengthMs + 5 * MINUTE);
  disconnect();
  return {
    strategy: definition.name,
    requests,
    minimumRequests: day.lengthMs / (day.lifetimeSeconds * 1000),
    ...tally,
  };
}
