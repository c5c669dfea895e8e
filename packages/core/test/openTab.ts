import {
  type BroadcastChannelLike,
  type ChatSessionController,
  createChatSessionController,
  createTabSync,
  type FetchSessionContext,
} from '../src/index.js';
import { checkTabState } from './checkTabs.js';
import { SESSION_KEY, type Tab, type TabsRecord } from './createTabsRecord.js';
import { createTestEnvironment } from './createTestEnvironment.js';
import { describeState } from './tabsScenario.js';

/**
 * Opens a tab (once per id in a run): its own environment on the run's machine, a controller sharing the session
 * through the run's hub, started at once.
 *
 * @param record The run's record.
 * @param id The tab's id.
 * @param fetchSession How the tab's controller asks the run's backend.
 */
export function openTab(
  record: TabsRecord,
  id: number,
  fetchSession: (tab: Tab, context: FetchSessionContext) => Promise<unknown>,
): void {
  if (record.tabs.has(id) || record.allTabs.some((tab) => tab.id === id)) return;
  const env = createTestEnvironment({ seed: (record.config.seed * 31 + id) >>> 0 });
  const { setTimeout, clearTimeout } = record.driver;
  const createBroadcastChannel = (name: string): BroadcastChannelLike => {
    const channel = record.hub.createBroadcastChannel(name);
    return {
      ...channel,
      postMessage: (message) => {
        channel.postMessage(message);
        // Delivered a macrotask later: the next pause comes then, so adoption is seen before any later timer.
        record.posted = true;
        const { type, session } = message as { type: string; session?: { client_secret?: string } };
        record.recorder.log(() => `tab ${id} announces ${type}${session ? ` ${session.client_secret}` : ''}`);
        const { expiresAt } = message as { expiresAt?: number };
        if (type === 'session' && expiresAt !== undefined && expiresAt > (record.announced?.expiresAt ?? 0))
          record.announced = { tab: id, expiresAt, postedAt: Date.now(), secret: session?.client_secret ?? '' };
      },
    };
  };
  const tab: Tab = {
    id,
    env,
    releases: [],
    open: true,
    pending: 0,
    lastSecret: null,
    hiddenAt: Number.NEGATIVE_INFINITY,
    graceUntil: Date.now() + record.graceMs,
    hadSession: false,
    requestEndedAt: Number.NEGATIVE_INFINITY,
    openedAt: Date.now(),
    holding: null,
    controller: null as unknown as ChatSessionController,
  };
  (tab as { controller: ChatSessionController }).controller = createChatSessionController({
    fetchSession: (context) => fetchSession(tab, context),
    shareAcrossTabs: createTabSync,
    sessionKey: SESSION_KEY,
    environment: {
      ...env.environment,
      // One machine: the wall clock is the fake Date of all tabs, and a sleep that runs the monotonic clock runs it
      // for every tab.
      monotonicNow: () => performance.now() + record.monotonicExtraMs,
      setTimeout,
      clearTimeout,
      createBroadcastChannel,
      locks: record.hub.locks,
    },
  });
  tab.controller.subscribe((state) => {
    if (state.clientSecret !== null) tab.hadSession = true;
    record.recorder.log(() => `tab ${id} state ${describeState(state)}`);
    checkTabState(record, tab, state, true);
  });
  record.tabs.set(id, tab);
  record.allTabs.push(tab);
  record.charges.opens += 1;
  tab.controller.start();
}

/**
 * Closes a tab: disposes its controller, ends its needs, and checks (e) that it left no listener or channel.
 *
 * @param record The run's record.
 * @param tab The tab.
 */
export function closeTab(record: TabsRecord, tab: Tab): void {
  tab.open = false;
  record.tabs.delete(tab.id);
  tab.controller.dispose();
  const now = Date.now();
  if (tab.holding) tab.holding.end = now;
  tab.holding = null;
  for (const need of record.needs) if (need.tab === tab.id && need.end > now) need.end = now;
  if (tab.env.listenerCount() > 0)
    record.recorder.violate('e', `closing tab ${tab.id} left ${tab.env.listenerCount()} wake-up listeners`);
  if (record.hub.openChannels !== record.tabs.size)
    record.recorder.violate(
      'e',
      `closing tab ${tab.id} left ${record.hub.openChannels} channels open for ${record.tabs.size} tabs`,
    );
}
