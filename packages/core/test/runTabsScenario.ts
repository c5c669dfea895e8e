import { vi } from 'vitest';
import type { FetchSessionContext } from '../src/index.js';
import { askFromTab } from './askFromTab.js';
import { checkEconomy, checkNothingLeft, checkRequest, checkTabs } from './checkTabs.js';
import { createTabsRecord, type RunOptions, START, type Tab, type TabsRecord } from './createTabsRecord.js';
import { MINUTE } from './lifecycleScenario.js';
import { closeTab, openTab } from './openTab.js';
import { REQUEST_TIMEOUT_MS, TIMER_CHUNK_MS } from './tabsDefaults.js';
import type { Violation } from './tabsInvariants.js';
import {
  describeStep,
  RUN_MS,
  type SleepStep,
  type TabStep,
  type TabsScenario,
  type WakeEvent,
} from './tabsScenario.js';

type RunResult = { violations: Violation[]; trace: string[] };

/**
 * One run of a scenario: it plays the steps and the machine's sleeps and wake-ups on the run's record (tabs, their
 * environments on one machine, one hub, one backend), whose checks (`checkTabs.ts`) read all of it.
 */
class TabsRun {
  readonly #scenario: TabsScenario;
  readonly #record: TabsRecord;
  readonly #perfStart = performance.now();
  #sleepOnSend: SleepStep | null = null;
  #sleepAtPause: { readonly step: SleepStep; readonly when: string } | null = null;
  #sleepOnDelivery: SleepStep | null = null;
  #wakeAtPause: WakeEvent | null = null;

  constructor(scenario: TabsScenario, options: RunOptions) {
    this.#scenario = scenario;
    this.#record = createTabsRecord(scenario, options);
  }

  async run(): Promise<RunResult> {
    const record = this.#record;
    const onUnhandled = (reason: unknown) => record.unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let tab = 0; tab < record.config.tabs; tab += 1) this.#open(tab);
      for (const step of this.#scenario.steps) {
        await this.#runFor(step.at - this.#awake());
        if (record.recorder.stopped) break;
        record.recorder.log(() => `step: ${describeStep(step)}`);
        this.#perform(step);
        checkTabs(record);
      }
      if (!record.recorder.stopped) await this.#runFor(RUN_MS - this.#awake());
      if (!record.recorder.stopped) await this.#finish();
      return { violations: [...record.recorder.violations.values()], trace: record.recorder.trace };
    } finally {
      for (const tab of record.allTabs) tab.controller.dispose();
      process.off('unhandledRejection', onUnhandled);
    }
  }

  #awake() {
    return performance.now() - this.#perfStart;
  }

  #open(id: number) {
    openTab(this.#record, id, this.#fetchSession);
  }

  readonly #fetchSession = async (tab: Tab, context: FetchSessionContext) => {
    this.#onRequest(tab, context.reason);
    const answer = this.#record.backend.fetchSession(context);
    const onSend = this.#sleepOnSend;
    this.#sleepOnSend = null;
    // Taken at the next pause, while the request is still out: nothing can keep a secret valid between a promise
    // settling and its reader running, and a real sleep lands in that instant with probability zero.
    if (onSend)
      this.#sleepAtPause = { step: onSend, when: `while request #${this.#record.backend.requests} is in flight` };
    const response = await answer;
    const onDelivery = this.#sleepOnDelivery;
    this.#sleepOnDelivery = null;
    if (onDelivery) this.#sleep(onDelivery, `between the server's answer to tab ${tab.id} and its delivery`);
    return response;
  };

  #onRequest(tab: Tab, reason: string) {
    const record = this.#record;
    const now = Date.now();
    const n = record.backend.requests + 1;
    record.requests.push({ n, tab: tab.id, reason, sentAt: now, endedAt: Number.POSITIVE_INFINITY });
    tab.requestEndedAt = Number.POSITIVE_INFINITY;
    record.recorder.log(() => `tab ${tab.id} sends request #${n} (${reason})`);
    checkRequest(record, tab, n, reason);
  }

  #sleep(step: SleepStep, when: string) {
    const record = this.#record;
    const monotonic = step.monotonicAdvances ? 'runs' : 'pauses';
    record.recorder.log(() => `machine sleeps ${step.ms / MINUTE} min ${when} (monotonic clock ${monotonic})`);
    vi.setSystemTime(Date.now() + step.ms);
    if (step.monotonicAdvances) record.monotonicExtraMs += step.ms;
    // One renewal on waking; a session on its way across the sleep may be discarded on arrival and fetched again twice.
    record.charges.sleeps += step.phase === 'now' ? 1 : 3;
    // Woken without an event, a controller notices at its next timer (one chunk); a session that landed across the
    // sleep is discarded and fetched again (twice at most).
    const graceMs = record.graceMs + 2 * REQUEST_TIMEOUT_MS + (step.wake ? 0 : TIMER_CHUNK_MS);
    for (const tab of record.tabs.values()) tab.graceUntil = Math.max(tab.graceUntil, Date.now() + graceMs);
    if (step.wake) this.#wakeAtPause = step.wake;
  }

  #perform(step: TabStep) {
    const record = this.#record;
    if (step.kind === 'sleep') {
      if (step.phase === 'now') this.#sleep(step, 'now');
      else if (step.phase === 'in-flight' && record.backend.inFlight > 0)
        this.#sleep(step, 'while a request is in flight');
      else if (step.phase === 'in-flight') this.#sleepOnSend = step;
      else this.#sleepOnDelivery = step;
      this.#dispatchWake();
      return;
    }
    if (step.kind === 'open') return this.#open(step.tab);
    const tab = record.tabs.get(step.tab);
    if (!tab) return;
    const now = Date.now();
    switch (step.kind) {
      case 'hold':
        record.demands.push({ tab: tab.id, at: now });
        if (tab.releases.length === 0) {
          tab.graceUntil = Math.max(tab.graceUntil, now + record.graceMs);
          tab.holding = { tab: tab.id, start: now, end: Number.POSITIVE_INFINITY };
          record.needs.push(tab.holding);
        }
        tab.releases.push(tab.controller.hold());
        return;
      case 'release':
        tab.releases.shift()?.();
        if (tab.releases.length === 0 && tab.holding) {
          tab.holding.end = now;
          tab.holding = null;
        }
        return;
      case 'ask':
      case 'prefetch':
        return askFromTab(record, tab, step.kind === 'ask' && step.replacing ? tab.lastSecret : null, step.kind);
      case 'hide':
        tab.hiddenAt = now;
        tab.env.setVisible(false);
        return;
      case 'show':
        tab.graceUntil = Math.max(tab.graceUntil, now + record.graceMs);
        tab.env.setVisible(true);
        return;
      case 'close': {
        record.charges.closes += 1;
        closeTab(record, tab);
        // The tab may have been renewing for all: the others wait out its announced renewal, then renew.
        for (const other of record.tabs.values())
          other.graceUntil = Math.max(other.graceUntil, now + REQUEST_TIMEOUT_MS + record.graceMs);
        return;
      }
    }
  }

  #dispatchWake() {
    const wake = this.#wakeAtPause;
    this.#wakeAtPause = null;
    if (!wake) return;
    this.#record.recorder.log(() => `every tab hears '${wake}'`);
    for (const tab of this.#record.tabs.values()) tab.env.dispatch(wake);
  }

  #runFor(ms: number) {
    return this.#record.driver.run(Math.max(0, ms), {
      nextStop: this.#nextStop,
      check: () => {
        const pending = this.#sleepAtPause;
        this.#sleepAtPause = null;
        if (pending && !this.#record.finished) this.#sleep(pending.step, pending.when);
        this.#dispatchWake();
        checkTabs(this.#record);
      },
      done: () => this.#record.recorder.stopped,
    });
  }

  readonly #nextStop = () => {
    const record = this.#record;
    if (record.posted) {
      record.posted = false;
      return performance.now();
    }
    const now = Date.now();
    while (record.probes.length > 0 && (record.probes[0] ?? 0) <= now) record.probes.shift();
    const next = record.probes[0];
    return next === undefined ? undefined : performance.now() + (next - now);
  };

  async #finish() {
    const record = this.#record;
    checkEconomy(record);
    record.finished = true;
    for (const tab of [...record.tabs.values()]) closeTab(record, tab);
    await checkNothingLeft(record);
  }
}

/**
 * Runs one scenario on fake time against real controllers sharing one session, and checks the invariants after every
 * timer, every step, every published state, every announcement's delivery and at every secret's thresholds.
 *
 * @param scenario The scenario (see `generateTabsScenario`).
 * @param options When to stop early and whether to record a trace.
 * @returns The first breach of each kind, in the order found, and the last events when recorded.
 * @example
 * const { violations } = await runTabsScenario(generateTabsScenario(63), { record: true });
 */
export async function runTabsScenario(scenario: TabsScenario, options: RunOptions = {}): Promise<RunResult> {
  vi.useFakeTimers({ now: START });
  try {
    return await new TabsRun(scenario, options).run();
  } finally {
    vi.useRealTimers();
  }
}
