import { describe, expect, it, vi } from 'vitest';
import {
  type BroadcastChannelLike,
  type ChatSessionController,
  ChatSessionError,
  type ChatSessionState,
  createChatSessionController,
  createTabSync,
  type FetchSessionContext,
} from '../src/index.js';
import { createSkewedBackend, type SkewedBackendEvent } from './createSkewedBackend.js';
import { createTabHub } from './createTabHub.js';
import type { TestFault } from './createTestBackend.js';
import { createRandom, createTestEnvironment } from './createTestEnvironment.js';
import { createTimerDriver } from './createTimerDriver.js';
import { formatTime } from './lifecycleScenario.js';

/*
 * Seeded runs of 2–5 tabs of one origin sharing one session (`shareAcrossTabs: createTabSync`, one hub, one
 * sessionKey) with the default options: the adaptive schedule, renewing only for someone, waiting while hidden. Each
 * seed is two simulated hours of holds taken and released, tabs hidden and shown, getClientSecret callers (some
 * replacing the last secret they got), prefetches, backend faults (429 with Retry-After, 5xx, network errors, slow
 * answers, hangs), machine sleeps (one machine: every tab's clocks jump together; the monotonic clock runs or pauses),
 * and tabs closing and opening. A failing seed is shrunk and printed with the end of its trace.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// 60 in every run; PROPERTY_SEEDS searches deeper (`PROPERTY_SEEDS=1000 pnpm vitest run --project core tabsProperties`).
const SEEDS = Number(process.env.PROPERTY_SEEDS) || 60;
// PROPERTY_SEED_LIST=305,427 replays those seeds only.
const SEED_LIST = process.env.PROPERTY_SEED_LIST?.split(',').map(Number) ?? null;
// Seeds past the default run that found defects, replayed in every run: 119 and 63 (a coordination that spanned a
// sleep renewed for nobody), 530 and 305 (a session adopted late was held to a quarter of its remaining time).
const REGRESSION_SEEDS = [63, 119, 305, 530];
const RUN_MS = 2 * HOUR;
const START = new Date('2026-11-26T09:00:00Z').getTime();
const SESSION_KEY = 'alice';
const LOCK_NAME = `chatkit-session:${SESSION_KEY}`;
const MAX_TABS = 5;
const SHRINK_RUNS = 150;
const LISTED_SEEDS = 20;

// The defaults under test, written out (ChatSessionControllerOptions and createTabSync): the bounds come from them.
const MIN_VALIDITY_MS = 60 * SECOND;
const RETRY_BASE_DELAY_MS = SECOND;
const SPREAD = 0.05;
const MIN_REFRESH_INTERVAL_MS = 5 * SECOND;
const REQUEST_TIMEOUT_MS = 15 * SECOND;
const TIMER_CHUNK_MS = 30 * SECOND;
const MAX_JITTER_MS = 2 * SECOND;
const ORPHAN_GRACE_MS = 250;
/**
 * The longest a tab takes from deciding to renew to sending its request: its random spread, a wait for a renewal
 * another tab announced, a silent lock holder's grace and a second wait (createTabSync's coordinateRenewal).
 */
const COORDINATION_MS = MAX_JITTER_MS + 2 * REQUEST_TIMEOUT_MS + ORPHAN_GRACE_MS + SECOND;
/** The backend counts as healthy for (c) this long after its last fault (or slow answer) ended. */
const HEALTHY_AFTER_MS = 5 * MINUTE;
/** A lapsed tab's session may still be the one a caller took as its first: ChatKit's longest lifetime. */
const FIRST_LIFETIME_MS = 600 * SECOND;

type WakeEvent = 'visibilitychange' | 'focus' | 'pageshow';
const WAKE_EVENTS: readonly WakeEvent[] = ['visibilitychange', 'focus', 'pageshow'];

/** What stays the same through one run. */
interface TabsConfig {
  readonly seed: number;
  /** Tabs open at the start, numbered from 0; opened tabs take the next numbers. */
  readonly tabs: number;
  readonly lifetimeSeconds: number;
  /** The median latency of a healthy request. */
  readonly latencyMs: number;
  /** The share of requests that fail or answer slowly. */
  readonly faultRate: number;
}

type TabStep =
  | {
      readonly at: number;
      readonly kind: 'hold' | 'release' | 'prefetch' | 'hide' | 'show' | 'close' | 'open';
      readonly tab: number;
    }
  | { readonly at: number; readonly kind: 'ask'; readonly tab: number; readonly replacing: boolean }
  | {
      readonly at: number;
      readonly kind: 'sleep';
      readonly ms: number;
      readonly monotonicAdvances: boolean;
      /** `now`; `in-flight`: while the next (or current) request is out; `at-delivery`: between an answer and its reader. */
      readonly phase: 'now' | 'in-flight' | 'at-delivery';
      /** The wake-up event every tab hears afterwards, or none (the controllers notice at their next timer). */
      readonly wake: WakeEvent | null;
    };

/** A run: steps at awake milliseconds after the start. Replaying it gives the same run, event for event. */
interface TabsScenario {
  readonly config: TabsConfig;
  readonly steps: readonly TabStep[];
}

type SleepStep = Extract<TabStep, { kind: 'sleep' }>;

/** The latency and fault of request `request` (numbered from 1 across all tabs), from the seed alone. */
function planRequest(config: TabsConfig, request: number): { latencyMs: number; fault?: TestFault; slow: boolean } {
  const random = createRandom((config.seed * 65_537 + request * 7_919 + 3) >>> 0);
  const latencyMs = Math.round(config.latencyMs * (0.5 + random()));
  if (random() >= config.faultRate) return { latencyMs, slow: false };
  const kind = random();
  if (kind < 0.25)
    return {
      latencyMs,
      fault: { kind: 'status', status: [500, 502, 503][Math.floor(random() * 3)] ?? 500 },
      slow: false,
    };
  if (kind < 0.45) {
    const retryAfter = String(1 + Math.floor(random() * 30));
    return { latencyMs, fault: { kind: 'status', status: 429, headers: { 'retry-after': retryAfter } }, slow: false };
  }
  if (kind < 0.65) return { latencyMs, fault: { kind: 'network' }, slow: false };
  // A slow answer, within the request timeout.
  if (kind < 0.85) return { latencyMs: 4 * SECOND + Math.floor(random() * 10 * SECOND), slow: true };
  return { latencyMs, fault: { kind: 'hang' }, slow: false };
}

/** Generates the scenario of one seed; a model of the tabs keeps the steps sensible (releases follow holds). */
function generateTabsScenario(seed: number): TabsScenario {
  const random = createRandom((seed * 2_654_435_761 + 11) >>> 0);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const config: TabsConfig = {
    seed,
    tabs: between(2, 5),
    lifetimeSeconds: pick([600, 600, 600, 300, 120, 30]),
    latencyMs: between(20, 1500),
    faultRate: random() < 0.3 ? 0 : between(2, 15) / 100,
  };
  const model = new Map<number, { holds: number; visible: boolean }>();
  for (let tab = 0; tab < config.tabs; tab += 1) model.set(tab, { holds: 0, visible: true });
  let nextTab = config.tabs;
  const steps: TabStep[] = [];
  for (let at = 0; ; ) {
    at += Math.floor(random() ** 2 * 4 * MINUTE);
    if (at >= RUN_MS) break;
    const tab = pick([...model.keys()]);
    const state = model.get(tab) ?? { holds: 0, visible: true };
    const roll = random();
    if (roll < 0.17) {
      state.holds += 1;
      steps.push({ at, kind: 'hold', tab });
    } else if (roll < 0.27) {
      if (state.holds === 0) continue;
      state.holds -= 1;
      steps.push({ at, kind: 'release', tab });
    } else if (roll < 0.5) {
      steps.push({ at, kind: 'ask', tab, replacing: random() < 0.3 });
    } else if (roll < 0.53) {
      steps.push({ at, kind: 'prefetch', tab });
    } else if (roll < 0.68) {
      state.visible = !state.visible;
      steps.push({ at, kind: state.visible ? 'show' : 'hide', tab });
    } else if (roll < 0.73) {
      const phase = pick(['now', 'now', 'in-flight', 'at-delivery'] as const);
      const wake = random() < 0.7 ? pick(WAKE_EVENTS) : null;
      steps.push({ at, kind: 'sleep', ms: between(1, 30) * MINUTE, monotonicAdvances: random() < 0.5, phase, wake });
    } else if (roll < 0.78) {
      if (model.size <= 1) continue;
      model.delete(tab);
      steps.push({ at, kind: 'close', tab });
    } else if (roll < 0.84) {
      if (model.size >= MAX_TABS) continue;
      const visible = random() < 0.85;
      model.set(nextTab, { holds: 0, visible });
      steps.push({ at, kind: 'open', tab: nextTab });
      if (!visible) steps.push({ at, kind: 'hide', tab: nextTab });
      nextTab += 1;
    } else {
      steps.push({ at, kind: 'ask', tab, replacing: false });
    }
  }
  return { config, steps };
}

/** The invariants, by letter, as the failure output states them. */
const INVARIANTS = {
  a: "no getClientSecret resolves with a secret that has less than the scaled minValidityMs left by the backend's clock (after a failure: an expired one), nor with the secret it replaces",
  b: "no tab's getState() (nor a state it publishes) shows an expired secret",
  c: 'a visible tab that holds, with the backend healthy for 5 min, has a secret with minValidityMs left (less one renewal: spread and latency), except within one renewal of it opening, taking its first hold or being shown, the machine waking, or another tab closing',
  d: 'economy: mints stay within one per shared renewal period of need plus what openings, replacing callers, races, sleeps, faults and closes may add; every tab holds the latest session another tab announced once delivered (unless a request of its own was out meanwhile); and no tab sends a request while nothing there needs it or while hidden with no caller waiting',
  e: 'disposing every tab leaves no timer, wake-up listener, open channel, held lock, request in flight or unsettled call',
  f: 'a call settles with a string or a ChatSessionError (`disposed` only once its tab closed), and no rejection goes unhandled',
} as const;
type InvariantId = keyof typeof INVARIANTS;
type ViolationKind =
  | 'a'
  | 'a: replaced'
  | 'b'
  | 'c'
  | 'd: bound'
  | 'd: unneeded request'
  | 'd: hidden request'
  | 'd: not shared'
  | 'e'
  | 'f';
const invariantOf = (kind: ViolationKind) => kind.charAt(0) as InvariantId;

interface Violation {
  readonly kind: ViolationKind;
  readonly atMs: number;
  readonly message: string;
  readonly trace: readonly string[];
}

interface RunOptions {
  readonly stopOn?: ViolationKind;
  readonly record?: boolean;
  readonly traceLines?: number;
}

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

/** One run of a scenario: tabs, their environments on one machine, one hub, one backend, and the checks. */
class TabsRun {
  readonly #scenario: TabsScenario;
  readonly #config: TabsConfig;
  readonly #options: RunOptions;
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
  readonly #trace: string[] = [];
  readonly #violations = new Map<ViolationKind, Violation>();
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
  #stopped = false;
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
    this.#options = options;
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
        this.#log(() => describeBackendEvent(event, now));
      },
    });
  }

  async run(): Promise<{ violations: Violation[]; trace: string[] }> {
    const onUnhandled = (reason: unknown) => this.#unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let tab = 0; tab < this.#config.tabs; tab += 1) this.#open(tab);
      for (const step of this.#scenario.steps) {
        await this.#runFor(step.at - this.#awake());
        if (this.#stopped) break;
        this.#log(() => `step: ${describeStep(step)}`);
        this.#perform(step);
        this.#check();
      }
      if (!this.#stopped) await this.#runFor(RUN_MS - this.#awake());
      if (!this.#stopped) await this.#finish();
      return { violations: [...this.#violations.values()], trace: this.#trace };
    } finally {
      for (const tab of this.#allTabs) tab.controller.dispose();
      process.off('unhandledRejection', onUnhandled);
    }
  }

  #awake() {
    return performance.now() - this.#perfStart;
  }

  #log(line: () => string) {
    if (!this.#options.record) return;
    this.#trace.push(`${formatTime(Date.now() - START)}  ${line()}`);
    if (this.#trace.length > (this.#options.traceLines ?? 30)) this.#trace.shift();
  }

  #violate(kind: ViolationKind, message: string) {
    if (this.#violations.has(kind)) return;
    this.#log(() => `VIOLATION (${kind}) ${message}`);
    this.#violations.set(kind, { kind, atMs: Date.now() - START, message, trace: [...this.#trace] });
    if (kind === this.#options.stopOn) this.#stopped = true;
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
          this.#log(() => `tab ${id} announces ${type}${session ? ` ${session.client_secret}` : ''}`);
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
      this.#log(() => `tab ${id} state ${describeState(state)}`);
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
      this.#violate('e', `closing tab ${tab.id} left ${tab.env.listenerCount()} wake-up listeners`);
    if (this.#hub.openChannels !== this.#tabs.size)
      this.#violate(
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
    this.#log(() => `tab ${tab.id} sends request #${n} (${reason})`);
    // A tab may decide to renew and send after its coordination: its need and visibility count that far back.
    const since = now - COORDINATION_MS;
    // A caller still waiting justifies any request (the one it made, or a successor of a session discarded on arrival).
    if (tab.pending === 0 && !this.#neededSince(tab, since)) {
      this.#violate(
        'd: unneeded request',
        `tab ${tab.id} sent request #${n} (${reason}) though it held nothing, no caller waited and none had asked there within a lifetime`,
      );
    } else if (!tab.env.environment.isVisible() && tab.hiddenAt < since && tab.pending === 0) {
      this.#violate(
        'd: hidden request',
        `tab ${tab.id} sent request #${n} (${reason}) while hidden since ${formatTime(tab.hiddenAt - START)} with no caller waiting`,
      );
    }
  }

  #sleep(step: SleepStep, when: string) {
    const monotonic = step.monotonicAdvances ? 'runs' : 'pauses';
    this.#log(() => `machine sleeps ${step.ms / MINUTE} min ${when} (monotonic clock ${monotonic})`);
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
    this.#log(() => `every tab hears '${wake}'`);
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
    this.#log(() => `${caller} asks`);
    if (kind === 'prefetch') {
      tab.controller.prefetch().then(
        () => {
          tab.pending -= 1;
        },
        (error: unknown) => {
          tab.pending -= 1;
          this.#violate('f', `${caller} rejected with ${String(error)}`);
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
        this.#log(() => `${caller} gets ${secret}, ${formatTime(validityMs)} left${fallback}`);
        const needMs = error ? 1 : this.#minValidityMs;
        if (secret === replacing) this.#violate('a: replaced', `${caller} got back the secret it replaces`);
        else if (!(validityMs >= needMs))
          this.#violate(
            'a',
            `${caller} got ${secret} with ${formatTime(validityMs)} left; needs ${formatTime(needMs)}${fallback}`,
          );
      },
      (error: unknown) => {
        tab.pending -= 1;
        const kind = error instanceof ChatSessionError ? error.kind : String(error);
        this.#log(() => `${caller} is rejected: ${kind}`);
        if (!(error instanceof ChatSessionError)) this.#violate('f', `${caller} was rejected with ${kind}`);
        else if (kind === 'disposed' && tab.open)
          this.#violate('f', `${caller} was rejected as disposed, its tab open`);
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
      done: () => this.#stopped,
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
    if (this.#unhandled.length > 0) this.#violate('f', `unhandled rejection: ${String(this.#unhandled[0])}`);
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
        this.#violate(
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
        this.#violate(
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
    this.#violate(
      'b',
      `${where} tab ${tab.id} shows ${state.clientSecret} (${state.status}) ${formatTime(-validityMs)} after its true expiry`,
    );
  }

  /**
   * The economy bound (d). Every tab adopts a session another tab announces when it expires later, so all started
   * tabs hold the newest session, and a tab renews it only once it is past its renewal point (scheduled, on a wake-up,
   * or on demand: a hold after that point, a caller with no usable secret). That point lies at least
   *   P = max(minRefreshIntervalMs, L − minValidity − 3 × (slowest request + retryBaseDelayMs) − 5 % × L)
   * after the request that brought it, L being the lifetime as measured (the Date header's last second off) and the
   * slowest request the slowest this run sent (a hang counts as the request timeout). So within one episode of need
   * (some tab holds, or a caller asked within a lifetime: the union over tabs, in true time), consecutive mints are P
   * apart: ⌊duration / P⌋ + 1, plus 1 for a renewal decided as the episode ended (sent after its coordination).
   * What may add a mint beyond that, each charged once: a tab opening (its first session is its own: it heard no
   * announcement yet); a caller replacing the secret its tab shows (fetched at once); a demand (hold, call, prefetch)
   * while another tab's request is out or about to be sent (demands go out at once, uncoordinated); a sleep (a
   * renewal on waking, and up to two sessions discarded for landing across it); a failing or slow request (every open
   * tab may stop waiting for it and renew on its own); a tab closing mid-renewal; and 2 to spare.
   * Tabs that do not share (no adoption) renew once per period each, and a lapsed tab that renews renews outside the
   * episodes: both exceed it over two hours of several tabs.
   */
  #economy() {
    const lifetimeMs = (this.#config.lifetimeSeconds - 1) * SECOND;
    const minValidityMs = Math.min(MIN_VALIDITY_MS, lifetimeMs / 4);
    const renewalMs = 3 * (this.#maxLatencyMs + 50 + RETRY_BASE_DELAY_MS);
    const periodMs = Math.max(MIN_REFRESH_INTERVAL_MS, lifetimeMs - minValidityMs - renewalMs - SPREAD * lifetimeMs);
    // Need past the end of the run costs nothing: every tab is closed then.
    const now = Date.now();
    const needs = this.#needs
      .map(({ start, end }) => ({ start, end: Math.min(end, now) }))
      .sort((x, y) => x.start - y.start);
    const episodes: { start: number; end: number }[] = [];
    for (const need of needs) {
      const last = episodes.at(-1);
      if (last && need.start <= last.end) last.end = Math.max(last.end, need.end);
      else episodes.push({ start: need.start, end: need.end });
    }
    const scheduled = episodes.reduce((sum, { start, end }) => sum + Math.floor((end - start) / periodMs) + 2, 0);
    const raceMs = MAX_JITTER_MS + ORPHAN_GRACE_MS;
    const races = this.#demands.filter(({ tab, at }) =>
      this.#requests.some((request) => request.tab !== tab && request.sentAt - raceMs <= at && at <= request.endedAt),
    ).length;
    const { opens, replacing, sleeps, faults, closes } = this.#charges;
    const firsts = this.#requests.filter((request) => request.reason === 'initial').length;
    const bound = scheduled + Math.min(opens, firsts) + replacing + races + sleeps + faults + closes + 2;
    const needMs = episodes.reduce((sum, { start, end }) => sum + end - start, 0);
    const terms = `${scheduled} for ${episodes.length} episodes of need (${formatTime(needMs)} in all, P = ${(periodMs / SECOND).toFixed(1)} s) + ${Math.min(opens, firsts)} first sessions of ${opens} tabs + ${replacing} replacing callers + ${races} racing demands + ${sleeps} for sleeps + ${faults} for faults + ${closes} closes + 2`;
    return { bound, terms };
  }

  async #finish() {
    const { bound, terms } = this.#economy();
    if (this.#mints > bound)
      this.#violate('d: bound', `${this.#mints} sessions minted, more than the bound ${bound} = ${terms}`);
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
    if (Object.values(left).some(Boolean)) this.#violate('e', `disposing every tab left ${JSON.stringify(left)}`);
    if (this.#unhandled.length > 0) this.#violate('f', `unhandled rejection: ${String(this.#unhandled[0])}`);
  }
}

async function runTabsScenario(scenario: TabsScenario, options: RunOptions = {}) {
  vi.useFakeTimers({ now: START });
  try {
    return await new TabsRun(scenario, options).run();
  } finally {
    vi.useRealTimers();
  }
}

/** Shrinks a failing scenario while it breaks the invariant the same way: simpler settings, then ddmin over its steps. */
async function shrinkTabsScenario(scenario: TabsScenario, kind: ViolationKind, maxRuns = SHRINK_RUNS) {
  let runs = 0;
  let best = scenario;
  const tryCandidate = async (candidate: TabsScenario) => {
    if (runs >= maxRuns) return false;
    runs += 1;
    const { violations } = await runTabsScenario(candidate, { stopOn: kind });
    if (!violations.some((violation) => violation.kind === kind)) return false;
    best = candidate;
    return true;
  };
  await tryCandidate({ ...best, config: { ...best.config, faultRate: 0 } });
  for (let tabs = best.config.tabs - 1; tabs >= 1; tabs -= 1) {
    if (!(await tryCandidate({ ...best, config: { ...best.config, tabs } }))) break;
  }
  let chunks = 2;
  while (best.steps.length > 0 && runs < maxRuns) {
    const steps = best.steps;
    const size = Math.ceil(steps.length / chunks);
    let reduced = false;
    for (let start = 0; start < steps.length; start += size) {
      if (await tryCandidate({ ...best, steps: [...steps.slice(0, start), ...steps.slice(start + size)] })) {
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size === 1) break;
      chunks = Math.min(steps.length, chunks * 2);
    }
  }
  return { scenario: best, runs };
}

function describeStep(step: TabStep): string {
  switch (step.kind) {
    case 'ask':
      return `tab ${step.tab}: getClientSecret(${step.replacing ? 'its last secret' : 'null'})`;
    case 'sleep': {
      const where = { now: 'now', 'in-flight': 'while a request is in flight', 'at-delivery': 'at the next delivery' };
      const monotonic = step.monotonicAdvances ? 'runs' : 'pauses';
      return `sleep ${step.ms / MINUTE} min ${where[step.phase]} (monotonic clock ${monotonic}), then ${step.wake ? `'${step.wake}'` : 'no event'}`;
    }
    case 'open':
    case 'close':
      return `${step.kind} tab ${step.tab}`;
    default:
      return `tab ${step.tab}: ${step.kind}${step.kind === 'hold' || step.kind === 'release' || step.kind === 'prefetch' ? '()' : ''}`;
  }
}

function describeConfig(config: TabsConfig): string {
  return `seed ${config.seed}, ${config.tabs} tabs, ${config.lifetimeSeconds}-s sessions, latency ~${config.latencyMs} ms, ${Math.round(config.faultRate * 100)} % faults`;
}

function describeState(state: ChatSessionState): string {
  const error = state.error ? `, error ${state.error.kind}` : '';
  return `${state.status} ${state.clientSecret ?? '-'}${state.refreshAt === null ? ' (no renewal planned)' : ''}${error}`;
}

function describeBackendEvent(event: SkewedBackendEvent, now: number) {
  switch (event.type) {
    case 'sent':
      return `backend: request #${event.request} arrives${event.fault ? `, will fail: ${JSON.stringify(event.fault)}` : ''}`;
    case 'minted':
      return `backend: request #${event.request} answered: ${event.secret}, true expiry in ${formatTime(event.trueExpiresAtMs - now)}`;
    case 'failed':
      return `backend: request #${event.request} failed (${event.fault.kind === 'status' ? event.fault.status : event.fault.kind})`;
    default:
      return `backend: request #${event.request} aborted`;
  }
}

type Failures = Map<ViolationKind, { seed: number; violation: Violation }[]>;

async function describeFailures(failures: Failures): Promise<string> {
  const kinds = [...failures.keys()].sort();
  const lines = [`Tab-sharing invariants broken (${SEEDS} seeds × 2 simulated hours):`];
  for (const invariant of new Set(kinds.map(invariantOf))) {
    const ways = kinds
      .filter((kind) => invariantOf(kind) === invariant)
      .map((kind) => `${kind.slice(3) || 'broken'} in ${failures.get(kind)?.length} seeds`);
    lines.push(`  (${invariant}) ${INVARIANTS[invariant]}: ${ways.join('; ')}`);
  }
  for (const kind of kinds) {
    const seeds = failures.get(kind) ?? [];
    const [first] = seeds;
    if (!first) continue;
    const original = generateTabsScenario(first.seed);
    const { scenario, runs } = await shrinkTabsScenario(original, kind);
    const { violations } = await runTabsScenario(scenario, { stopOn: kind, record: true });
    const violation = violations.find((each) => each.kind === kind) ?? first.violation;
    const listed = seeds.slice(0, LISTED_SEEDS).map(({ seed }) => seed);
    lines.push(
      '',
      `(${kind}) in ${seeds.length} of ${SEEDS} seeds: ${listed.join(', ')}${seeds.length > LISTED_SEEDS ? ', …' : ''}`,
      `  seed ${first.seed}: ${first.violation.message}`,
      `  shrunk from ${original.steps.length} steps to ${scenario.steps.length} in ${runs} runs: ${describeConfig(scenario.config)}`,
      ...scenario.steps.map((step) => `    at ${formatTime(step.at)} awake: ${describeStep(step)}`),
      `  first breach at ${formatTime(violation.atMs)} true time: ${violation.message}`,
      '  trace (true time since the start):',
      ...violation.trace.map((line) => `    ${line}`),
      `  replay: await runTabsScenario(${JSON.stringify(scenario)}, { record: true })`,
    );
  }
  return lines.join('\n');
}

describe('tabs sharing one session, seeded simulation', () => {
  it(`keeps its invariants through ${SEEDS} seeds of 2 hours of 2–5 tabs with holds, callers, hiding, sleeps, faults, closing and opening`, async () => {
    const failures: Failures = new Map();
    const seeds = SEED_LIST ?? [...Array.from({ length: SEEDS }, (_, index) => index + 1), ...REGRESSION_SEEDS];
    for (const seed of seeds) {
      const { violations } = await runTabsScenario(generateTabsScenario(seed));
      for (const violation of violations) {
        failures.set(violation.kind, [...(failures.get(violation.kind) ?? []), { seed, violation }]);
      }
    }
    if (failures.size > 0) expect.fail(await describeFailures(failures));
  }, 600_000);
});
