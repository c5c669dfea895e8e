import { ChatSessionError } from '../src/index.js';
import { START, type Tab, type TabsRecord, validityOf } from './createTabsRecord.js';
import { formatTime, SECOND } from './lifecycleScenario.js';
import { FIRST_LIFETIME_MS } from './tabsDefaults.js';

/**
 * Makes a tab's caller ask (`getClientSecret`, maybe replacing a secret) or prefetch, records the need, and checks
 * (a) on the secret handed out and (f) on how the call ends.
 *
 * @param record The run's record.
 * @param tab The tab asking.
 * @param replacing The secret the caller replaces, if any.
 * @param kind Whether it is a caller or a prefetch.
 */
export function askFromTab(record: TabsRecord, tab: Tab, replacing: string | null, kind: 'ask' | 'prefetch'): void {
  const now = Date.now();
  record.demands.push({ tab: tab.id, at: now });
  const windowMs = tab.hadSession ? record.config.lifetimeSeconds * SECOND : FIRST_LIFETIME_MS;
  record.needs.push({ tab: tab.id, start: now, end: now + windowMs });
  if (replacing !== null && replacing === tab.controller.getState().clientSecret) record.charges.replacing += 1;
  tab.pending += 1;
  const caller = `tab ${tab.id}'s ${kind === 'ask' ? 'caller' : 'prefetch'} (asked at ${formatTime(now - START)}${replacing ? `, replacing ${replacing}` : ''})`;
  record.recorder.log(() => `${caller} asks`);
  if (kind === 'prefetch') {
    tab.controller.prefetch().then(
      () => {
        tab.pending -= 1;
      },
      (error: unknown) => {
        tab.pending -= 1;
        record.recorder.violate('f', `${caller} rejected with ${String(error)}`);
      },
    );
    return;
  }
  tab.controller.getClientSecret(replacing).then(
    (secret) => {
      tab.pending -= 1;
      tab.lastSecret = secret;
      const validityMs = validityOf(record, secret);
      // After a failed renewal a still-valid secret may be handed out rather than nothing (the documented fallback).
      const { error } = tab.controller.getState();
      const fallback = error ? ` (fallback after ${error.kind})` : '';
      record.recorder.log(() => `${caller} gets ${secret}, ${formatTime(validityMs)} left${fallback}`);
      const needMs = error ? 1 : record.minValidityMs;
      if (secret === replacing) record.recorder.violate('a: replaced', `${caller} got back the secret it replaces`);
      else if (!(validityMs >= needMs))
        record.recorder.violate(
          'a',
          `${caller} got ${secret} with ${formatTime(validityMs)} left; needs ${formatTime(needMs)}${fallback}`,
        );
    },
    (error: unknown) => {
      tab.pending -= 1;
      const kind = error instanceof ChatSessionError ? error.kind : String(error);
      record.recorder.log(() => `${caller} is rejected: ${kind}`);
      if (!(error instanceof ChatSessionError)) record.recorder.violate('f', `${caller} was rejected with ${kind}`);
      else if (kind === 'disposed' && tab.open)
        record.recorder.violate('f', `${caller} was rejected as disposed, its tab open`);
    },
  );
}
