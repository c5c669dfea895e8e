import { createFaultyDayVariant } from './createFaultyDayVariant.js';
import { type DayGoalResult, evaluateDayGoals } from './evaluateDayGoals.js';
import type { SimulatedDay } from './SimulatedDay.js';
import { type DayResult, simulateDay } from './simulateDay.js';
import { createControllerStrategy } from './strategies/createControllerStrategy.js';

/** The `minValidityMs` the controller uses when given none (`measureRenewal` checks it against ours). */
export const DEFAULT_MIN_VALIDITY_MS = 60_000;

/** The `minValidityMs` values the trade-off table compares, the default among them. */
export const TRADE_OFF_MIN_VALIDITY_MS: readonly number[] = [30_000, 45_000, 60_000, 75_000, 90_000, 120_000];

/** How many variants of the day each mean is taken over. */
export const TRADE_OFF_VARIANTS = 12;

/** What our default strategy with one `minValidityMs` did on the day and, on average, on its variants. */
export interface ValidityTradeOffRow {
  readonly minValidityMs: number;
  /** The day itself, as the day's own table runs it. */
  readonly day: DayResult;
  /** The mean over the variants (`createFaultyDayVariant`, 1 to `TRADE_OFF_VARIANTS`), each count averaged. */
  readonly mean: DayResult;
  /** The day's goals, judged on the mean. */
  readonly goals: readonly DayGoalResult[];
}

/** The trade-off of `minValidityMs` on one day with faults. */
export interface ValidityTradeOff {
  /** The name of the day. */
  readonly day: string;
  readonly variants: number;
  readonly rows: readonly ValidityTradeOffRow[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Averages the counts of the variants' rows; what they share (the day's minimums and callers) is the day's. */
function meanOf(rows: readonly DayResult[], day: DayResult): DayResult {
  const mean = (of: (row: DayResult) => number) => round(rows.reduce((sum, row) => sum + of(row), 0) / rows.length, 3);
  return {
    ...day,
    requests: mean((row) => row.requests),
    calls: mean((row) => row.calls),
    failedCalls: mean((row) => row.failedCalls),
    expiredMs: mean((row) => row.expiredMs),
    callersWithExpiredSecret: mean((row) => row.callersWithExpiredSecret),
  };
}

async function measurePoint(day: SimulatedDay, minValidityMs: number, variants: readonly SimulatedDay[]) {
  const strategy = {
    name: `ours (minValidityMs: ${minValidityMs / 1000} s)`,
    summary: '',
    ours: true,
    create: createControllerStrategy({ minValidityMs }),
  };
  const itself = await simulateDay(strategy, day);
  const rows: DayResult[] = [];
  for (const variant of variants) rows.push(await simulateDay(strategy, variant));
  const mean = meanOf(rows, itself);
  return { minValidityMs, day: itself, mean, goals: evaluateDayGoals([day], [mean], [strategy.name]) };
}

/**
 * Measures how `minValidityMs` trades requests against expired time and failed calls on a day with faults: for each
 * value, our default strategy with it lives through the day itself and through each of its variants, whose goals are
 * judged on the mean, as one day is one draw of where the 429 window falls against a session's renewal point.
 *
 * @param day The day with faults.
 * @returns The day, the number of variants, and one row per value of `TRADE_OFF_MIN_VALIDITY_MS`.
 */
export async function measureValidityTradeOff(day: SimulatedDay): Promise<ValidityTradeOff> {
  const variants = Array.from({ length: TRADE_OFF_VARIANTS }, (_, index) => createFaultyDayVariant(day, index + 1));
  const rows: ValidityTradeOffRow[] = [];
  for (const minValidityMs of TRADE_OFF_MIN_VALIDITY_MS) rows.push(await measurePoint(day, minValidityMs, variants));
  return { day: day.name, variants: variants.length, rows };
}
