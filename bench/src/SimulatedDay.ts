import type { ChatKitTiming } from './createChatKitCaller.js';
import type { SimFaultPlan } from './createSimBackend.js';

/** One ChatKit widget on the page, from mount to unmount, in true time (epoch milliseconds). */
export interface SimulatedChat {
  readonly openMs: number;
  readonly closeMs: number;
}

/** A time the machine sleeps; the page turns hidden before and visible after. */
export interface SimulatedSleep {
  /** When it falls asleep, in true time. */
  readonly atMs: number;
  /** How long it sleeps. */
  readonly ms: number;
  /** `true`: the monotonic clock runs on in sleep, so overdue timers fire at wake-up; `false`: timers fire late. */
  readonly monotonicAdvances: boolean;
}

/** What a goal line measures in a row of the renewal table. */
export type DayGoalMeasure = 'requests' | 'expiredSeconds' | 'failedCalls';

/** A bound from issue #16 that our rows of one day should stay within. */
export interface DayGoal {
  readonly measure: DayGoalMeasure;
  /** The most the measure may be. */
  readonly atMost: number;
  /** `atMost` is a multiple of the day's `minimumRequests` (one request per lifetime of the day). */
  readonly timesMinimum?: boolean;
}

/** A scripted day every strategy lives through, the same for each: its chats, faults, sleeps and goals. */
export interface SimulatedDay {
  /** The name the tables and `results.json` give the day. */
  readonly name: string;
  /** One sentence that says what happens on the day, for RESULTS.md. */
  readonly description: string;
  /** When the page loads (the strategy is created), in true epoch milliseconds. */
  readonly startMs: number;
  /** When the page closes (the strategy is disposed), after `startMs`. */
  readonly lengthMs: number;
  readonly lifetimeSeconds: number;
  readonly latencyMs: number;
  /** The seed of the clock's `random` (the controller's jitter). */
  readonly seed: number;
  /** How far the client's wall clock runs ahead of true time; the backend's `Date` header tells true time. */
  readonly wallSkewMs: number;
  readonly chatKit: ChatKitTiming;
  readonly chats: readonly SimulatedChat[];
  /** The page loads in a background tab and comes to the front at this true time; `null`: it loads visible. */
  readonly hiddenUntilMs: number | null;
  readonly sleeps: readonly SimulatedSleep[];
  /** The backend's faults; `null`: every request succeeds. */
  readonly faults: SimFaultPlan | null;
  readonly goals: readonly DayGoal[];
}
