import { vi } from 'vitest';
import {
  type BroadcastChannelLike,
  type ChatSessionController,
  ChatSessionError,
  type ChatSessionState,
  createChatSessionController,
  createTabSync,
  type FetchSessionContext,
} from '../src/index.js';
import { createScenarioRecorder } from './createScenarioRecorder.js';
import { createSkewedBackend } from './createSkewedBackend.js';
import { createTabHub } from './createTabHub.js';
import { createTestEnvironment } from './createTestEnvironment.js';
import { createTimerDriver } from './createTimerDriver.js';
import { formatTime, MINUTE, SECOND } from './lifecycleScenario.js';
import {
  COORDINATION_MS,
  FIRST_LIFETIME_MS,
  HEALTHY_AFTER_MS,
  MAX_JITTER_MS,
  MIN_VALIDITY_MS,
  ORPHAN_GRACE_MS,
  REQUEST_TIMEOUT_MS,
  TIMER_CHUNK_MS,
} from './tabsDefaults.js';
import { getEconomyBound } from './tabsEconomy.js';
import type { Violation, ViolationKind } from './tabsInvariants.js';
import {
  describeBackendEvent,
  describeState,
  describeStep,
  planRequest,
  RUN_MS,
  type SleepStep,
  type TabStep,
  type TabsConfig,
  type TabsScenario,
  type WakeEvent,
} from './tabsScenario.js';

const START = new Date('2026-11-26T09:00:00Z').getTime();
const SESSION_KEY = 'alice';
const LOCK_NAME = `chatkit-session:${SESSION_KEY}`;

/** How a run goes. */
export interface RunOptions {
  /** Ends the run at the first breach of this kind (to shrink). */
  readonly stopOn?: ViolationKind;
  /** Keeps a trace of events for the messages. */
  readonly record?: boolean;
  /** How many of the last events the trace keeps. Defaults to `30`. */
  readonly traceLines?: number;
}

type RunResult = { violations: Violation[]; trace: string[] };

interface Tab {
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
 * One run of a scenario: tabs, their environments on one machine, one hub, one backend, and the checks. One class in
 * one file: every check reads the run's whole record (tabs, needs, requests, announcements, charges).
 */
class TabsRun {
  readonly #scenario: TabsScenario;
  readonly #config: TabsConfig;
  readonly #recorder: ReturnType<typeof createScenarioRecorder<ViolationKind>>;
  readonly #driver = createTimerDriver();
  readonly #hub = createTabHub();
  readonly #backend: ReturnType<typeof createSkewedBackend>;
  readonly #perfStart = performance.now();
  readonly #minValidityMs: number;
  /** How far below minValidityMs a held secret may fall while one renewal is on its way (c). */
  readonly #renewalAllowanceMs: number;
  /** How long one renewal may take after a wake-up, a show or a first hold, with a healthy backend (c). */
  readonly #graceMs: number;
  readonly #tabs = new Map<number, Tab>();
  readonly #allTabs: Tab[] = [];
  readonly #unhandled: unknown[] = [];
  /** True times at which a secret's validity crosses a threshold: pauses, so checks see each crossing. */
  readonly #probes: number[] = [];
  /** Every tab's need (a hold, or a caller's ask for a lifetime), in true time. */
  readonly #needs: { tab: number; start: number; end: number }[] = [];
  /** Every request: who sent it, when, and when it ended. */
  readonly #requests: { n: number; tab: number; reason: string; sentAt: number; endedAt: number }[] = [];
  /** True times of the demand steps (hold, ask, prefetch): each may race a renewal under way (d). */
  readonly #demands: { tab: number; at: number }[] = [];
  readonly #faultyOpen = new Set<number>();
  readonly #charges = { opens: 0, replacing: 0, sleeps: 0, faults: 0, closes: 0 };
  #mints = 0;
  #maxLatencyMs = 0;
  #lastFaultAt = Number.NEGATIVE_INFINITY;
  #monotonicExtraMs = 0;
  #posted = false;
  #finished = false;
  #sleepOnSend: SleepStep | null = null;
  #sleepAtPause: { readonly step: SleepStep; readonly when: string } | null = null;
  #sleepOnDelivery: SleepStep | null = null;
  #wakeAtPause: WakeEvent | null = null;
  /** The session announced with the latest expiry (local wall clock, here the true one). */
  #announced: { tab: number; expiresAt: number; postedAt: number; secret: string } | null = null;

  constructor(scenario: TabsScenario, options: RunOptions) {
    this.#scenario = scenario;
    this.#config = scenario.config;
    this.#recorder = createScenarioRecorder({ startMs: START, traceLines: options.traceLines ?? 30, ...options });
    const { lifetimeSeconds, latencyMs } = scenario.config;
    // As the controller measures it: the Date header's last second is not counted.
    this.#minValidityMs = Math.min(MIN_VALIDITY_MS, ((lifetimeSeconds - 1) * SECOND) / 4);
    const slowestHealthyMs = 1.5 * latencyMs;
    this.#renewalAllowanceMs = MAX_JITTER_MS + slowestHealthyMs;
    this.#graceMs = 2 * MAX_JITTER_MS + ORPHAN_GRACE_MS + 2 * slowestHealthyMs + SECOND;
    this.#backend = createSkewedBackend({
      lifetimeSeconds,
      latencyMs: (request) => planRequest(this.#config, request).latencyMs,
      faultOf: (request) => planRequest(this.#config, request).fault,
      timers: this.#driver,
      onEvent: (event) => {
        const now = Date.now();
        if (event.type === 'sent') {
          const plan = planRequest(this.#config, event.request);
          this.#maxLatencyMs = Math.max(
            this.#maxLatencyMs,
            plan.fault?.kind === 'hang' ? REQUEST_TIMEOUT_MS : plan.latencyMs,
          );
          if (plan.fault || plan.slow) {
            this.#faultyOpen.add(event.request);
            // A failing or slow renewal: the tabs that waited for it stop waiting, and one of them renews (under the lock,
            // or after the lock holder's grace), the failed tab's own retry besides.
            this.#charges.faults += 2;
          }
        } else {
          if (this.#faultyOpen.delete(event.request)) this.#lastFaultAt = now;
          const record = this.#requests.find((each) => each.n === event.request);
          if (record) record.endedAt = now;
          const sender = record && this.#allTabs.find((tab) => tab.id === record.tab);
          if (sender) sender.requestEndedAt = now;
        }
        if (event.type === 'minted') {
          this.#mints += 1;
          this.#probes.push(event.trueExpiresAtMs - this.#minValidityMs + this.#renewalAllowanceMs + 1);
          this.#probes.push(event.trueExpiresAtMs + 1);
          this.#probes.sort((x, y) => x - y);
        }
        this.#recorder.log(() => describeBackendEvent(event, now));
      },
    });
  }

  async run(): Promise<RunResult> {
    const onUnhandled = (reason: unknown) => this.#unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let tab = 0; tab < this.#config.tabs; tab += 1) this.#open(tab);
      for (const step of this.#scenario.steps) {
        await this.#runFor(step.at - this.#awake());
        if (this.#recorder.stopped) break;
        this.#recorder.log(() => `step: ${describeStep(step)}`);
        this.#perform(step);
        this.#check();
      }
      if (!this.#recorder.stopped) await this.#runFor(RUN_MS - this.#awake());
      if (!this.#recorder.stopped) await this.#finish();
      return { violations: [...this.#recorder.violations.values()], trace: this.#recorder.trace };
    } finally {
      for (const tab of this.#allTabs) tab.controller.dispose();
      process.off('unhandledRejection', onUnhandled);
    }
  }

  #awake() {
    return performance.now() - this.#perfStart;
  }

  #validityOf(secret: string) {
    return (this.#backend.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
  }

  #open(id: number) {
    if (this.#tabs.has(id) || this.#allTabs.some((tab) => tab.id === id)) return;
    const env = createTestEnvironment({ seed: (this.#config.seed * 31 + id) >>> 0 });
    const { setTimeout, clearTimeout } = this.#driver;
    const createBroadcastChannel = (name: string): BroadcastChannelLike => {
      const channel = this.#hub.createBroadcastChannel(name);
      return {
        ...channel,
        postMessage: (message) => {
          channel.postMessage(message);
          // Delivered a macrotask later: the next pause comes then, so adoption is seen before any later timer.
          this.#posted = true;
          const { type, session } = message as { type: string; session?: { client_secret?: string } };
          this.#recorder.log(() => `tab ${id} announces ${type}${session ? ` ${session.client_secret}` : ''}`);
          const { expiresAt } = message as { expiresAt?: number };
          if (type === 'session' && expiresAt !== undefined && expiresAt > (this.#announced?.expiresAt ?? 0))
            this.#announced = { tab: id, expiresAt, postedAt: Date.now(), secret: session?.client_secret ?? '' };
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
      graceUntil: Date.now() + this.#graceMs,
      hadSession: false,
      requestEndedAt: Number.NEGATIVE_INFINITY,
      openedAt: Date.now(),
      holding: null,
      controller: null as unknown as ChatSessionController,
    };
    (tab as { controller: ChatSessionController }).controller = createChatSessionController({
      fetchSession: (context) => this.#fetchSession(tab, context),
      shareAcrossTabs: createTabSync,
      sessionKey: SESSION_KEY,
      environment: {
        ...env.environment,
        // One machine: the wall clock is the fake Date of all tabs, and a sleep that runs the monotonic clock runs it
        // for every tab.
        monotonicNow: () => performance.now() + this.#monotonicExtraMs,
        setTimeout,
        clearTimeout,
        createBroadcastChannel,
        locks: this.#hub.locks,
      },
    });
    tab.controller.subscribe((state) => {
      if (state.clientSecret !== null) tab.hadSession = true;
      this.#recorder.log(() => `tab ${id} state ${describeState(state)}`);
      this.#checkState(tab, state, true);
    });
    this.#tabs.set(id, tab);
    this.#allTabs.push(tab);
    this.#charges.opens += 1;
    tab.controller.start();
  }

  #close(tab: Tab) {
    tab.open = false;
    this.#tabs.delete(tab.id);
    tab.controller.dispose();
    const now = Date.now();
    if (tab.holding) tab.holding.end = now;
    tab.holding = null;
    for (const need of this.#needs) if (need.tab === tab.id && need.end > now) need.end = now;
    if (tab.env.listenerCount() > 0)
      this.#recorder.violate('e', `closing tab ${tab.id} left ${tab.env.listenerCount()} wake-up listeners`);
    if (this.#hub.openChannels !== this.#tabs.size)
      this.#recorder.violate(
        'e',
        `closing tab ${tab.id} left ${this.#hub.openChannels} channels open for ${this.#tabs.size} tabs`,
      );
  }

  /** Whether a tab needed the session (a hold, or a caller's ask within a lifetime) at any moment since `since`. */
  #neededSince(tab: Tab, since: number) {
    return tab.releases.length > 0 || this.#needs.some((need) => need.tab === tab.id && need.end > since);
  }

  readonly #fetchSession = async (tab: Tab, context: FetchSessionContext) => {
    this.#onRequest(tab, context.reason);
    const answer = this.#backend.fetchSession(context);
    const onSend = this.#sleepOnSend;
    this.#sleepOnSend = null;
    // Taken at the next pause, while the request is still out: nothing can keep a secret valid between a promise
    // settling and its reader running, and a real sleep lands in that instant with probability zero.
    if (onSend) this.#sleepAtPause = { step: onSend, when: `while request #${this.#backend.requests} is in flight` };
    const response = await answer;
    const onDelivery = this.#sleepOnDelivery;
    this.#sleepOnDelivery = null;
    if (onDelivery) this.#sleep(onDelivery, `between the server's answer to tab ${tab.id} and its delivery`);
    return response;
  };

  #onRequest(tab: Tab, reason: string) {
    const now = Date.now();
    const n = this.#backend.requests + 1;
    this.#requests.push({ n, tab: tab.id, reason, sentAt: now, endedAt: Number.POSITIVE_INFINITY });
    tab.requestEndedAt = Number.POSITIVE_INFINITY;
    this.#recorder.log(() => `tab ${tab.id} sends request #${n} (${reason})`);
    // A tab may decide to renew and send after its coordination: its need and visibility count that far back.
    const since = now - COORDINATION_MS;
    // A caller still waiting justifies any request (the one it made, or a successor of a session discarded on arrival).
    if (tab.pending === 0 && !this.#neededSince(tab, since)) {
      this.#recorder.violate(
        'd: unneeded request',
        `tab ${tab.id} sent request #${n} (${reason}) though it held nothing, no caller waited and none had asked there within a lifetime`,
      );
    } else if (!tab.env.environment.isVisible() && tab.hiddenAt < since && tab.pending === 0) {
      this.#recorder.violate(
        'd: hidden request',
        `tab ${tab.id} sent request #${n} (${reason}) while hidden since ${formatTime(tab.hiddenAt - START)} with no caller waiting`,
      );
    }
  }

  #sleep(step: SleepStep, when: string) {
    const monotonic = step.monotonicAdvances ? 'runs' : 'pauses';
    this.#recorder.log(() => `machine sleeps ${step.ms / MINUTE} min ${when} (monotonic clock ${monotonic})`);
    vi.setSystemTime(Date.now() + step.ms);
    if (step.monotonicAdvances) this.#monotonicExtraMs += step.ms;
    // One renewal on waking; a session on its way across the sleep may be discarded on arrival and fetched again twice.
    this.#charges.sleeps += step.phase === 'now' ? 1 : 3;
    // Woken without an event, a controller notices at its next timer (one chunk); a session that landed across the
    // sleep is discarded and fetched again (twice at most).
    const graceMs = this.#graceMs + 2 * REQUEST_TIMEOUT_MS + (step.wake ? 0 : TIMER_CHUNK_MS);
    for (const tab of this.#tabs.values()) tab.graceUntil = Math.max(tab.graceUntil, Date.now() + graceMs);
    if (step.wake) this.#wakeAtPause = step.wake;
  }

  #perform(step: TabStep) {
    if (step.kind === 'sleep') {
      if (step.phase === 'now') this.#sleep(step, 'now');
      else if (step.phase === 'in-flight' && this.#backend.inFlight > 0)
        this.#sleep(step, 'while a request is in flight');
      else if (step.phase === 'in-flight') this.#sleepOnSend = step;
      else this.#sleepOnDelivery = step;
      this.#dispatchWake();
      return;
    }
    if (step.kind === 'open') return this.#open(step.tab);
    const tab = this.#tabs.get(step.tab);
    if (!tab) return;
    const now = Date.now();
    switch (step.kind) {
      case 'hold':
        this.#demands.push({ tab: tab.id, at: now });
        if (tab.releases.length === 0) {
          tab.graceUntil = Math.max(tab.graceUntil, now + this.#graceMs);
          tab.holding = { tab: tab.id, start: now, end: Number.POSITIVE_INFINITY };
          this.#needs.push(tab.holding);
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
        return this.#ask(tab, step.kind === 'ask' && step.replacing ? tab.lastSecret : null, step.kind);
      case 'hide':
        tab.hiddenAt = now;
        tab.env.setVisible(false);
        return;
      case 'show':
        tab.graceUntil = Math.max(tab.graceUntil, now + this.#graceMs);
        tab.env.setVisible(true);
        return;
      case 'close': {
        this.#charges.closes += 1;
        this.#close(tab);
        // The tab may have been renewing for all: the others wait out its announced renewal, then renew.
        for (const other of this.#tabs.values())
          other.graceUntil = Math.max(other.graceUntil, now + REQUEST_TIMEOUT_MS + this.#graceMs);
        return;
      }
    }
  }

  #dispatchWake() {
    const wake = this.#wakeAtPause;
    this.#wakeAtPause = null;
    if (!wake) return;
    this.#recorder.log(() => `every tab hears '${wake}'`);
    for (const tab of this.#tabs.values()) tab.env.dispatch(wake);
  }

  #ask(tab: Tab, replacing: string | null, kind: 'ask' | 'prefetch') {
    const now = Date.now();
    this.#demands.push({ tab: tab.id, at: now });
    const windowMs = tab.hadSession ? this.#config.lifetimeSeconds * SECOND : FIRST_LIFETIME_MS;
    this.#needs.push({ tab: tab.id, start: now, end: now + windowMs });
    if (replacing !== null && replacing === tab.controller.getState().clientSecret) this.#charges.replacing += 1;
    tab.pending += 1;
    const caller = `tab ${tab.id}'s ${kind === 'ask' ? 'caller' : 'prefetch'} (asked at ${formatTime(now - START)}${replacing ? `, replacing ${replacing}` : ''})`;
    this.#recorder.log(() => `${caller} asks`);
    if (kind === 'prefetch') {
      tab.controller.prefetch().then(
        () => {
          tab.pending -= 1;
        },
        (error: unknown) => {
          tab.pending -= 1;
          this.#recorder.violate('f', `${caller} rejected with ${String(error)}`);
        },
      );
      return;
    }
    tab.controller.getClientSecret(replacing).then(
      (secret) => {
        tab.pending -= 1;
        tab.lastSecret = secret;
        const validityMs = this.#validityOf(secret);
        // After a failed renewal a still-valid secret may be handed out rather than nothing (the documented fallback).
        const { error } = tab.controller.getState();
        const fallback = error ? ` (fallback after ${error.kind})` : '';
        this.#recorder.log(() => `${caller} gets ${secret}, ${formatTime(validityMs)} left${fallback}`);
        const needMs = error ? 1 : this.#minValidityMs;
        if (secret === replacing) this.#recorder.violate('a: replaced', `${caller} got back the secret it replaces`);
        else if (!(validityMs >= needMs))
          this.#recorder.violate(
            'a',
            `${caller} got ${secret} with ${formatTime(validityMs)} left; needs ${formatTime(needMs)}${fallback}`,
          );
      },
      (error: unknown) => {
        tab.pending -= 1;
        const kind = error instanceof ChatSessionError ? error.kind : String(error);
        this.#recorder.log(() => `${caller} is rejected: ${kind}`);
        if (!(error instanceof ChatSessionError)) this.#recorder.violate('f', `${caller} was rejected with ${kind}`);
        else if (kind === 'disposed' && tab.open)
          this.#recorder.violate('f', `${caller} was rejected as disposed, its tab open`);
      },
    );
  }

  #runFor(ms: number) {
    return this.#driver.run(Math.max(0, ms), {
      nextStop: this.#nextStop,
      check: () => {
        const pending = this.#sleepAtPause;
        this.#sleepAtPause = null;
        if (pending && !this.#finished) this.#sleep(pending.step, pending.when);
        this.#dispatchWake();
        this.#check();
      },
      done: () => this.#recorder.stopped,
    });
  }

  readonly #nextStop = () => {
    if (this.#posted) {
      this.#posted = false;
      return performance.now();
    }
    const now = Date.now();
    while (this.#probes.length > 0 && (this.#probes[0] ?? 0) <= now) this.#probes.shift();
    const next = this.#probes[0];
    return next === undefined ? undefined : performance.now() + (next - now);
  };

  #check() {
    if (this.#finished) return;
    if (this.#unhandled.length > 0) this.#recorder.violate('f', `unhandled rejection: ${String(this.#unhandled[0])}`);
    const now = Date.now();
    const healthy = this.#faultyOpen.size === 0 && now - this.#lastFaultAt >= HEALTHY_AFTER_MS;
    const announced = this.#announced;
    for (const tab of this.#tabs.values()) {
      const state = tab.controller.getState();
      this.#checkState(tab, state, false);
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
        this.#recorder.violate(
          'd: not shared',
          `tab ${tab.id} holds ${holds}, not ${announced.secret} that tab ${announced.tab} announced at ${formatTime(announced.postedAt - START)}`,
        );
      }
      if (!healthy || tab.releases.length === 0 || !tab.env.environment.isVisible() || now < tab.graceUntil) continue;
      const validityMs = state.clientSecret === null ? Number.NEGATIVE_INFINITY : this.#validityOf(state.clientSecret);
      const needMs = this.#minValidityMs - this.#renewalAllowanceMs;
      if (!(validityMs >= needMs)) {
        const shows =
          state.clientSecret === null ? 'no secret' : `${state.clientSecret} with ${formatTime(validityMs)} left`;
        this.#recorder.violate(
          'c',
          `tab ${tab.id} is visible and holds, the backend healthy, yet shows ${shows} (${state.status}); needs ${formatTime(needMs)}`,
        );
      }
    }
  }

  #checkState(tab: Tab, state: ChatSessionState, published: boolean) {
    if (state.clientSecret === null || !tab.open) return;
    const validityMs = this.#validityOf(state.clientSecret);
    if (validityMs > 0) return;
    const where = published ? 'a state published by' : 'getState() of';
    this.#recorder.violate(
      'b',
      `${where} tab ${tab.id} shows ${state.clientSecret} (${state.status}) ${formatTime(-validityMs)} after its true expiry`,
    );
  }

  async #finish() {
    const { bound, terms } = getEconomyBound(
      {
        lifetimeSeconds: this.#config.lifetimeSeconds,
        maxLatencyMs: this.#maxLatencyMs,
        needs: this.#needs,
        requests: this.#requests,
        demands: this.#demands,
        charges: this.#charges,
      },
      Date.now(),
    );
    if (this.#mints > bound)
      this.#recorder.violate('d: bound', `${this.#mints} sessions minted, more than the bound ${bound} = ${terms}`);
    this.#finished = true;
    for (const tab of [...this.#tabs.values()]) this.#close(tab);
    // Messages posted before the last tab closed are delivered (to nobody) a macrotask later.
    vi.advanceTimersByTime(1);
    await this.#driver.run(0);
    const lockFree = await this.#hub.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => lock !== null);
    const left = {
      timers: vi.getTimerCount(),
      listeners: this.#allTabs.reduce((sum, tab) => sum + tab.env.listenerCount(), 0),
      channels: this.#hub.openChannels,
      requests: this.#backend.inFlight,
      calls: this.#allTabs.reduce((sum, tab) => sum + tab.pending, 0),
      lockHeld: !lockFree,
    };
    if (Object.values(left).some(Boolean))
      this.#recorder.violate('e', `disposing every tab left ${JSON.stringify(left)}`);
    if (this.#unhandled.length > 0) this.#recorder.violate('f', `unhandled rejection: ${String(this.#unhandled[0])}`);
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
