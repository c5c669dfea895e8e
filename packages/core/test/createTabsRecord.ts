import type { ChatSessionController } from '../src/index.js';
import { createScenarioRecorder } from './createScenarioRecorder.js';
import { createSkewedBackend } from './createSkewedBackend.js';
import { createTabHub } from './createTabHub.js';
import type { createTestEnvironment } from './createTestEnvironment.js';
import { createTimerDriver } from './createTimerDriver.js';
import { SECOND } from './lifecycleScenario.js';
import { MAX_JITTER_MS, MIN_VALIDITY_MS, ORPHAN_GRACE_MS, REQUEST_TIMEOUT_MS } from './tabsDefaults.js';
import type { ViolationKind } from './tabsInvariants.js';
import { describeBackendEvent, planRequest, type TabsScenario } from './tabsScenario.js';

/** When every tabs run starts, on the fake wall clock. */
export const START = new Date('2026-11-26T09:00:00Z').getTime();
/** Whose session every tab of a run shares. */
export const SESSION_KEY = 'alice';

/** How a run goes. */
export interface RunOptions {
  /** Ends the run at the first breach of this kind (to shrink). */
  readonly stopOn?: ViolationKind;
  /** Keeps a trace of events for the messages. */
  readonly record?: boolean;
  /** How many of the last events the trace keeps. Defaults to `30`. */
  readonly traceLines?: number;
}

/** One tab of a run: its environment, its controller and what the checks know of it. */
export interface Tab {
  readonly id: number;
  readonly env: ReturnType<typeof createTestEnvironment>;
  readonly controller: ChatSessionController;
  readonly releases: (() => void)[];
  open: boolean;
  /** Calls (getClientSecret and prefetch) not yet settled. */
  pending: number;
  lastSecret: string | null;
  hiddenAt: number;
  /** (c) does not apply before this true time. */
  graceUntil: number;
  /** Whether it ever showed a secret: its callers' asks then count for one session lifetime, else for the longest. */
  hadSession: boolean;
  /** When its last request ended: infinity while one is out, minus infinity before its first. */
  requestEndedAt: number;
  openedAt: number;
  /** The hold interval open now, if any. */
  holding: { tab: number; start: number; end: number } | null;
}

/**
 * Builds the whole record of one run (tabs, needs, requests, announcements, charges) and its machine (one timer
 * driver, one hub, one backend): every check reads all of it.
 *
 * @param scenario The scenario run.
 * @param options When to stop early and whether to record a trace.
 * @returns The record, which the run and its checks share.
 */
export function createTabsRecord(scenario: TabsScenario, options: RunOptions) {
  const config = scenario.config;
  const { lifetimeSeconds, latencyMs } = config;
  // As the controller measures it: the Date header's last second is not counted.
  const minValidityMs = Math.min(MIN_VALIDITY_MS, ((lifetimeSeconds - 1) * SECOND) / 4);
  const slowestHealthyMs = 1.5 * latencyMs;
  const driver = createTimerDriver();
  const record = {
    config,
    recorder: createScenarioRecorder<ViolationKind>({
      startMs: START,
      traceLines: options.traceLines ?? 30,
      ...options,
    }),
    driver,
    hub: createTabHub(),
    minValidityMs,
    /** How far below minValidityMs a held secret may fall while one renewal is on its way (c). */
    renewalAllowanceMs: MAX_JITTER_MS + slowestHealthyMs,
    /** How long one renewal may take after a wake-up, a show or a first hold, with a healthy backend (c). */
    graceMs: 2 * MAX_JITTER_MS + ORPHAN_GRACE_MS + 2 * slowestHealthyMs + SECOND,
    tabs: new Map<number, Tab>(),
    allTabs: [] as Tab[],
    unhandled: [] as unknown[],
    /** True times at which a secret's validity crosses a threshold: pauses, so checks see each crossing. */
    probes: [] as number[],
    /** Every tab's need (a hold, or a caller's ask for a lifetime), in true time. */
    needs: [] as { tab: number; start: number; end: number }[],
    /** Every request: who sent it, when, and when it ended. */
    requests: [] as { n: number; tab: number; reason: string; sentAt: number; endedAt: number }[],
    /** True times of the demand steps (hold, ask, prefetch): each may race a renewal under way (d). */
    demands: [] as { tab: number; at: number }[],
    faultyOpen: new Set<number>(),
    charges: { opens: 0, replacing: 0, sleeps: 0, faults: 0, closes: 0 },
    mints: 0,
    maxLatencyMs: 0,
    lastFaultAt: Number.NEGATIVE_INFINITY,
    monotonicExtraMs: 0,
    posted: false,
    finished: false,
    /** The session announced with the latest expiry (local wall clock, here the true one). */
    announced: null as { tab: number; expiresAt: number; postedAt: number; secret: string } | null,
    backend: null as unknown as ReturnType<typeof createSkewedBackend>,
  };
  record.backend = createSkewedBackend({
    lifetimeSeconds,
    latencyMs: (request) => planRequest(config, request).latencyMs,
    faultOf: (request) => planRequest(config, request).fault,
    timers: driver,
    onEvent: (event) => {
      const now = Date.now();
      if (event.type === 'sent') {
        const plan = planRequest(config, event.request);
        record.maxLatencyMs = Math.max(
          record.maxLatencyMs,
          plan.fault?.kind === 'hang' ? REQUEST_TIMEOUT_MS : plan.latencyMs,
        );
        if (plan.fault || plan.slow) {
          record.faultyOpen.add(event.request);
          // A failing or slow renewal: the tabs that waited for it stop waiting, and one of them renews (under the lock,
          // or after the lock holder's grace), the failed tab's own retry besides.
          record.charges.faults += 2;
        }
      } else {
        if (record.faultyOpen.delete(event.request)) record.lastFaultAt = now;
        const request = record.requests.find((each) => each.n === event.request);
        if (request) request.endedAt = now;
        const sender = request && record.allTabs.find((tab) => tab.id === request.tab);
        if (sender) sender.requestEndedAt = now;
      }
      if (event.type === 'minted') {
        record.mints += 1;
        record.probes.push(event.trueExpiresAtMs - record.minValidityMs + record.renewalAllowanceMs + 1);
        record.probes.push(event.trueExpiresAtMs + 1);
        record.probes.sort((x, y) => x - y);
      }
      record.recorder.log(() => describeBackendEvent(event, now));
    },
  });
  return record;
}

/** The record of one tabs run, shared by the run and its checks. */
export type TabsRecord = ReturnType<typeof createTabsRecord>;

/** True milliseconds a secret has left, by the backend that issued it; minus infinity for one it never issued. */
export function validityOf(record: TabsRecord, secret: string): number {
  return (record.backend.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
}

/** Whether a tab needed the session (a hold, or a caller's ask within a lifetime) at any moment since `since`. */
export function neededSince(record: TabsRecord, tab: Tab, since: number): boolean {
  return tab.releases.length > 0 || record.needs.some((need) => need.tab === tab.id && need.end > since);
}
