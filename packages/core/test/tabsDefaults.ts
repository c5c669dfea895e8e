import { MINUTE, SECOND } from './lifecycleScenario.js';

// The defaults under test, written out (ChatSessionControllerOptions and createTabSync): the bounds come from them.
export const MIN_VALIDITY_MS = 60 * SECOND;
export const RETRY_BASE_DELAY_MS = SECOND;
export const SPREAD = 0.05;
export const MIN_REFRESH_INTERVAL_MS = 5 * SECOND;
export const REQUEST_TIMEOUT_MS = 15 * SECOND;
export const TIMER_CHUNK_MS = 30 * SECOND;
export const MAX_JITTER_MS = 2 * SECOND;
export const ORPHAN_GRACE_MS = 250;
/**
 * The longest a tab takes from deciding to renew to sending its request: its random spread, a wait for a renewal
 * another tab announced, a silent lock holder's grace and a second wait (createTabSync's coordinateRenewal).
 */
export const COORDINATION_MS = MAX_JITTER_MS + 2 * REQUEST_TIMEOUT_MS + ORPHAN_GRACE_MS + SECOND;
/** The backend counts as healthy for (c) this long after its last fault (or slow answer) ended. */
export const HEALTHY_AFTER_MS = 5 * MINUTE;
/** A lapsed tab's session may still be the one a caller took as its first: ChatKit's longest lifetime. */
export const FIRST_LIFETIME_MS = 600 * SECOND;
