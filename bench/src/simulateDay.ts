import { connectQueryManagers } from './connectQueryManagers.js';
import { countCoveringSessions } from './countCoveringSessions.js';
import { type CallerTally, createChatKitCaller, type SleepWindow } from './createChatKitCaller.js';
import { createSimBackend } from './createSimBackend.js';
import { createSimClock, settle } from './createSimClock.js';
import type { SimulatedDay } from './SimulatedDay.js';
import type { RenewalStrategyDefinition } from './strategies/RenewalStrategy.js';

/** What one strategy did on one simulated day. */
export interface DayResult extends CallerTally {
  /** The name of the day. */
  readonly day: string;
  readonly strategy: string;
  /** Session requests that reached the backend while the page was open. */
  readonly requests: number;
  /** The day's length over the session lifetime: one request per lifetime, all day. */
  readonly minimumRequests: number;
  /** The fewest sessions that keep every open chat's secret unexpired (`countCoveringSessions`). */
  readonly chatMinimumRequests: number;
  /** The ChatKit widgets (chats) of the day. */
  readonly callers: number;
}

type DayEvent =
  | { atMs: number; kind: 'mount' | 'unmount'; caller: number }
  | { atMs: number; kind: 'sleep'; sleep: number }
  | { atMs: number; kind: 'show' };

function scriptDay(day: SimulatedDay): DayEvent[] {
  // Sleeps first, then each chat's mount and unmount, sorted stably: the order of the runs before days existed.
  const events: DayEvent[] = day.sleeps.map((sleep, index) => ({ atMs: sleep.atMs, kind: 'sleep', sleep: index }));
  day.chats.forEach(({ openMs, closeMs }, caller) => {
    events.push({ atMs: openMs, kind: 'mount', caller }, { atMs: closeMs, kind: 'unmount', caller });
  });
  if (day.hiddenUntilMs !== null) events.push({ atMs: day.hiddenUntilMs, kind: 'show' });
  return events.sort((a, b) => a.atMs - b.atMs);
}

/**
 * Runs one strategy through a scripted day on a simulated clock (no real time passes) and tallies what its callers
 * saw. The strategy is created when the page loads, at the day's start, and disposed when it closes, at its end.
 *
 * @param definition The strategy.
 * @param day The day.
 * @returns The day, the strategy, the requests, the minimums, and the callers' tally.
 */
export async function simulateDay(definition: RenewalStrategyDefinition, day: SimulatedDay): Promise<DayResult> {
  const clock = createSimClock({ startMs: day.startMs, wallSkewMs: day.wallSkewMs, seed: day.seed });
  const disconnect = connectQueryManagers(clock);
  // A background tab is hidden before anything on the page reads its visibility.
  if (day.hiddenUntilMs !== null) clock.setVisible(false);
  const backend = createSimBackend(clock, day);
  const strategy = definition.create({ clock, backend });
  const tally: CallerTally = { calls: 0, failedCalls: 0, expiredMs: 0, callersWithExpiredSecret: 0 };
  const sleeps: SleepWindow[] = day.sleeps.map(({ atMs, ms }) => ({ fromMs: atMs, toMs: atMs + ms }));
  const callers = day.chats.map(() =>
    createChatKitCaller({ clock, backend, strategy, tally, timing: day.chatKit, sleeps }),
  );
  for (const event of scriptDay(day)) {
    await clock.runUntil(event.atMs);
    if (event.kind === 'mount') callers[event.caller]?.mount();
    if (event.kind === 'unmount') callers[event.caller]?.unmount();
    if (event.kind === 'show') clock.setVisible(true);
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
  await clock.runUntil(day.startMs + day.lengthMs + 5 * 60_000);
  disconnect();
  const lifetimeMs = day.lifetimeSeconds * 1000;
  return {
    day: day.name,
    strategy: definition.name,
    requests,
    minimumRequests: day.lengthMs / lifetimeMs,
    chatMinimumRequests: countCoveringSessions(day.chats, day.sleeps, lifetimeMs),
    callers: day.chats.length,
    ...tally,
  };
}
