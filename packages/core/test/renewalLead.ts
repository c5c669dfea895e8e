import { SECOND } from './lifecycleScenario.js';
import { MIN_VALIDITY_MS, RETRY_BASE_DELAY_MS, SPREAD } from './tabsDefaults.js';

/** A 600 s session as the controller measures it: the `Date` header's last second is not counted. */
export const LIFETIME_MS = 599 * SECOND;

/**
 * The shortest and longest time before expiry at which the default schedule renews: `minValidityMs`, plus three
 * times the slowest recent request and the first retry's backoff, plus up to 5 % of the lifetime.
 */
export function renewalLead(slowestMs: number, lifetimeMs = LIFETIME_MS) {
  const minValidityMs = Math.min(MIN_VALIDITY_MS, lifetimeMs / 4);
  const renewalMs = 3 * (slowestMs + RETRY_BASE_DELAY_MS);
  return { shortest: minValidityMs + renewalMs, longest: minValidityMs + renewalMs + SPREAD * lifetimeMs };
}
