import { type DayGoalResult, evaluateDayGoals } from './evaluateDayGoals.js';
import { DEFAULT_MIN_VALIDITY_MS, measureValidityTradeOff, type ValidityTradeOff } from './measureValidityTradeOff.js';
import { type DayResult, simulateDay } from './simulateDay.js';
import { FAULTY_DAY, SIMULATED_DAYS } from './simulatedDays.js';
import { controllerStrategy } from './strategies/controllerStrategy.js';
import { renewalStrategies } from './strategies/renewalStrategies.js';

/** What section 2 of RESULTS.md shows: every day's rows, the goals judged on ours, and the `minValidityMs` trade-off. */
export interface RenewalResults {
  readonly renewal: readonly DayResult[];
  readonly renewalGoals: readonly DayGoalResult[];
  readonly renewalTradeOff: ValidityTradeOff;
}

async function simulateOnce() {
  const renewal: DayResult[] = [];
  for (const day of SIMULATED_DAYS) {
    for (const strategy of renewalStrategies) renewal.push(await simulateDay(strategy, day));
  }
  return { renewal, renewalTradeOff: await measureValidityTradeOff(FAULTY_DAY) };
}

/** Fails unless the trade-off's default row on the faulty day is ours, as the day's own table counts it. */
function checkDefaultRow({ renewal, renewalTradeOff }: Awaited<ReturnType<typeof simulateOnce>>): void {
  const counts = (row: DayResult | undefined) =>
    row && JSON.stringify([row.requests, row.calls, row.failedCalls, row.expiredMs, row.callersWithExpiredSecret]);
  const ours = renewal.find((row) => row.day === FAULTY_DAY.name && row.strategy === controllerStrategy.name);
  const point = renewalTradeOff.rows.find((row) => row.minValidityMs === DEFAULT_MIN_VALIDITY_MS);
  if (!ours || counts(ours) !== counts(point?.day)) {
    throw new Error(
      `The trade-off's ${DEFAULT_MIN_VALIDITY_MS / 1000} s row differs from ours on the faulty day: is ` +
        `${DEFAULT_MIN_VALIDITY_MS} still the controller's default minValidityMs?`,
    );
  }
}

/**
 * Runs every strategy through every day, and the `minValidityMs` trade-off, twice; fails unless both runs count
 * exactly the same and the trade-off's default row matches ours. Judges the days' goals on our rows.
 *
 * @returns The rows of every day, the goals judged on ours, and the trade-off.
 */
export async function measureRenewal(): Promise<RenewalResults> {
  const first = await simulateOnce();
  const second = await simulateOnce();
  const [one, two] = [first, second].map((run) => JSON.stringify(run));
  if (one !== two) throw new Error(`The simulated days are not deterministic: two runs differ.\n${one}\n${two}`);
  checkDefaultRow(first);
  const ours = renewalStrategies.filter((strategy) => strategy.ours).map((strategy) => strategy.name);
  const renewalGoals = evaluateDayGoals(SIMULATED_DAYS, first.renewal, ours);
  return { renewal: first.renewal, renewalGoals, renewalTradeOff: first.renewalTradeOff };
}
