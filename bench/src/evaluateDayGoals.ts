import { num } from './formatTable.js';
import type { DayGoal, DayGoalMeasure, SimulatedDay } from './SimulatedDay.js';
import type { DayResult } from './simulateDay.js';

/** How one row of a day fared against one of the day's goals. */
export interface DayGoalResult {
  readonly day: string;
  readonly strategy: string;
  readonly measure: DayGoalMeasure;
  /** The goal as RESULTS.md prints it, such as `session requests ≤ 1.15 × 144 = 165.6`. */
  readonly goal: string;
  readonly limit: number;
  readonly value: number;
  readonly pass: boolean;
}

const MEASURES: Record<DayGoalMeasure, { label: string; of: (row: DayResult) => number }> = {
  requests: { label: 'session requests', of: (row) => row.requests },
  expiredSeconds: { label: 'caller-seconds holding an expired secret', of: (row) => row.expiredMs / 1000 },
  failedCalls: { label: 'failed calls', of: (row) => row.failedCalls },
};

function judge(goal: DayGoal, row: DayResult): DayGoalResult {
  const measure = MEASURES[goal.measure];
  // Rounded so that 1.3 × 144 reads 187.2 in results.json, not 187.20000000000002.
  const limit = goal.timesMinimum ? Math.round(goal.atMost * row.minimumRequests * 1e6) / 1e6 : goal.atMost;
  const bound = goal.timesMinimum ? `${goal.atMost} × ${num(row.minimumRequests)} = ${num(limit, 1)}` : num(limit);
  const value = measure.of(row);
  return {
    day: row.day,
    strategy: row.strategy,
    measure: goal.measure,
    goal: `${measure.label} ≤ ${bound}`,
    limit,
    value,
    pass: value <= limit,
  };
}

/**
 * Judges the rows of the given strategies against the goals of their day, from the measured numbers alone.
 *
 * @param days The days, with their goals.
 * @param rows The rows of the renewal table.
 * @param strategies The names of the strategies to judge.
 * @returns One result per day, goal and judged strategy, in the order of the days and their goals.
 */
export function evaluateDayGoals(
  days: readonly SimulatedDay[],
  rows: readonly DayResult[],
  strategies: readonly string[],
): DayGoalResult[] {
  return days.flatMap((day) =>
    day.goals.flatMap((goal) =>
      rows.filter((row) => row.day === day.name && strategies.includes(row.strategy)).map((row) => judge(goal, row)),
    ),
  );
}
