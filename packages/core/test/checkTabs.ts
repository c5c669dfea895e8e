import { vi } from 'vitest';
import type { ChatSessionState } from '../src/index.js';
import { neededSince, SESSION_KEY, START, type Tab, type TabsRecord, validityOf } from './createTabsRecord.js';
import { formatTime } from './lifecycleScenario.js';
import { COORDINATION_MS, HEALTHY_AFTER_MS } from './tabsDefaults.js';
import { getEconomyBound } from './tabsEconomy.js';

const LOCK_NAME = `chatkit-session:${SESSION_KEY}`;

/**
 * Checks (d) on a request a tab sends: someone needed it, and a hidden tab sends only for a caller.
 *
 * @param record The run's record.
 * @param tab The sender.
 * @param n The request's number at the backend.
 * @param reason Why the controller sent it.
 */
export function checkRequest(record: TabsRecord, tab: Tab, n: number, reason: string): void {
  const now = Date.now();
  // A tab may decide to renew and send after its coordination: its need and visibility count that far back.
  const since = now - COORDINATION_MS;
  // A caller still waiting justifies any request (the one it made, or a successor of a session discarded on arrival).
  if (tab.pending === 0 && !neededSince(record, tab, since)) {
    record.recorder.violate(
      'd: unneeded request',
      `tab ${tab.id} sent request #${n} (${reason}) though it held nothing, no caller waited and none had asked there within a lifetime`,
    );
  } else if (!tab.env.environment.isVisible() && tab.hiddenAt < since && tab.pending === 0) {
    record.recorder.violate(
      'd: hidden request',
      `tab ${tab.id} sent request #${n} (${reason}) while hidden since ${formatTime(tab.hiddenAt - START)} with no caller waiting`,
    );
  }
}

/**
 * Checks every open tab at a pause: (b) on its state, (d) that it adopted the latest announcement, (c) that a visible
 * tab holding on a healthy backend shows a secret with enough validity.
 *
 * @param record The run's record.
 */
export function checkTabs(record: TabsRecord): void {
  if (record.finished) return;
  if (record.unhandled.length > 0) record.recorder.violate('f', `unhandled rejection: ${String(record.unhandled[0])}`);
  const now = Date.now();
  const healthy = record.faultyOpen.size === 0 && now - record.lastFaultAt >= HEALTHY_AFTER_MS;
  const announced = record.announced;
  for (const tab of record.tabs.values()) {
    const state = tab.controller.getState();
    checkTabState(record, tab, state, false);
    // Delivered a macrotask after it was posted: by the next pause every other tab open then has adopted it, unless
    // its own request (sent before, or landing after) put its own session in place.
    if (
      announced &&
      announced.tab !== tab.id &&
      now > announced.postedAt &&
      announced.expiresAt > now &&
      tab.openedAt < announced.postedAt &&
      tab.requestEndedAt < announced.postedAt &&
      !((state.expiresAt ?? 0) >= announced.expiresAt)
    ) {
      const holds =
        state.clientSecret === null
          ? 'no secret'
          : `${state.clientSecret} (expiring ${formatTime((state.expiresAt ?? 0) - announced.expiresAt)} before it)`;
      record.recorder.violate(
        'd: not shared',
        `tab ${tab.id} holds ${holds}, not ${announced.secret} that tab ${announced.tab} announced at ${formatTime(announced.postedAt - START)}`,
      );
    }
    if (!healthy || tab.releases.length === 0 || !tab.env.environment.isVisible() || now < tab.graceUntil) continue;
    const validityMs = state.clientSecret === null ? Number.NEGATIVE_INFINITY : validityOf(record, state.clientSecret);
    const needMs = record.minValidityMs - record.renewalAllowanceMs;
    if (!(validityMs >= needMs)) {
      const shows =
        state.clientSecret === null ? 'no secret' : `${state.clientSecret} with ${formatTime(validityMs)} left`;
      record.recorder.violate(
        'c',
        `tab ${tab.id} is visible and holds, the backend healthy, yet shows ${shows} (${state.status}); needs ${formatTime(needMs)}`,
      );
    }
  }
}

/**
 * Checks (b): an open tab never shows a secret past its true expiry.
 *
 * @param record The run's record.
 * @param tab The tab.
 * @param state Its state.
 * @param published Whether the state was published (else read with `getState()`).
 */
export function checkTabState(record: TabsRecord, tab: Tab, state: ChatSessionState, published: boolean): void {
  if (state.clientSecret === null || !tab.open) return;
  const validityMs = validityOf(record, state.clientSecret);
  if (validityMs > 0) return;
  const where = published ? 'a state published by' : 'getState() of';
  record.recorder.violate(
    'b',
    `${where} tab ${tab.id} shows ${state.clientSecret} (${state.status}) ${formatTime(-validityMs)} after its true expiry`,
  );
}

/**
 * Checks (d) at the end of a run: no more sessions minted than the economy bound.
 *
 * @param record The run's record.
 */
export function checkEconomy(record: TabsRecord): void {
  const { bound, terms } = getEconomyBound(
    {
      lifetimeSeconds: record.config.lifetimeSeconds,
      maxLatencyMs: record.maxLatencyMs,
      needs: record.needs,
      requests: record.requests,
      demands: record.demands,
      charges: record.charges,
    },
    Date.now(),
  );
  if (record.mints > bound)
    record.recorder.violate('d: bound', `${record.mints} sessions minted, more than the bound ${bound} = ${terms}`);
}

/**
 * Checks (e) and (f) once every tab is closed: no timer, listener, channel, request, call or lock is left, and no
 * rejection went unhandled.
 *
 * @param record The run's record.
 */
export async function checkNothingLeft(record: TabsRecord): Promise<void> {
  // Messages posted before the last tab closed are delivered (to nobody) a macrotask later.
  vi.advanceTimersByTime(1);
  await record.driver.run(0);
  const lockFree = await record.hub.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => lock !== null);
  const left = {
    timers: vi.getTimerCount(),
    listeners: record.allTabs.reduce((sum, tab) => sum + tab.env.listenerCount(), 0),
    channels: record.hub.openChannels,
    requests: record.backend.inFlight,
    calls: record.allTabs.reduce((sum, tab) => sum + tab.pending, 0),
    lockHeld: !lockFree,
  };
  if (Object.values(left).some(Boolean))
    record.recorder.violate('e', `disposing every tab left ${JSON.stringify(left)}`);
  if (record.unhandled.length > 0) record.recorder.violate('f', `unhandled rejection: ${String(record.unhandled[0])}`);
}
