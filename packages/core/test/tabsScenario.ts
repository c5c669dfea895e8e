import type { ChatSessionState } from '../src/index.js';
import type { SkewedBackendEvent } from './createSkewedBackend.js';
import type { TestFault } from './createTestBackend.js';
import { createRandom } from './createTestEnvironment.js';
import {
  describeBackendEvent as describeRequestEvent,
  HOUR,
  type LifecycleStep,
  MINUTE,
  SECOND,
} from './lifecycleScenario.js';

/** Awake time each run simulates. */
export const RUN_MS = 2 * HOUR;
const MAX_TABS = 5;

export type WakeEvent = 'visibilitychange' | 'focus' | 'pageshow';
const WAKE_EVENTS: readonly WakeEvent[] = ['visibilitychange', 'focus', 'pageshow'];

/** What stays the same through one run. */
export interface TabsConfig {
  readonly seed: number;
  /** Tabs open at the start, numbered from 0; opened tabs take the next numbers. */
  readonly tabs: number;
  readonly lifetimeSeconds: number;
  /** The median latency of a healthy request. */
  readonly latencyMs: number;
  /** The share of requests that fail or answer slowly. */
  readonly faultRate: number;
}

/** One thing that happens to the tabs, `at` milliseconds of awake time after the start. */
export type TabStep =
  | {
      readonly at: number;
      readonly kind: 'hold' | 'release' | 'prefetch' | 'hide' | 'show' | 'close' | 'open';
      readonly tab: number;
    }
  | { readonly at: number; readonly kind: 'ask'; readonly tab: number; readonly replacing: boolean }
  // A machine sleep as in the lifecycle runs (its phase: when it lands), then a wake-up event or none.
  | (Extract<LifecycleStep, { kind: 'sleep' }> & {
      /** The wake-up event every tab hears afterwards, or none (the controllers notice at their next timer). */
      readonly wake: WakeEvent | null;
    });

/** A run: steps at awake milliseconds after the start. Replaying it gives the same run, event for event. */
export interface TabsScenario {
  readonly config: TabsConfig;
  readonly steps: readonly TabStep[];
}

export type SleepStep = Extract<TabStep, { kind: 'sleep' }>;

/** The latency and fault of request `request` (numbered from 1 across all tabs), from the seed alone. */
export function planRequest(
  config: TabsConfig,
  request: number,
): { latencyMs: number; fault?: TestFault; slow: boolean } {
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
export function generateTabsScenario(seed: number): TabsScenario {
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

/** Describes a step in words, for a trace. */
export function describeStep(step: TabStep): string {
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

/** Describes a configuration in words. */
export function describeConfig(config: TabsConfig): string {
  return `seed ${config.seed}, ${config.tabs} tabs, ${config.lifetimeSeconds}-s sessions, latency ~${config.latencyMs} ms, ${Math.round(config.faultRate * 100)} % faults`;
}

/** Describes a state in words, for a trace. */
export function describeState(state: ChatSessionState): string {
  const error = state.error ? `, error ${state.error.kind}` : '';
  return `${state.status} ${state.clientSecret ?? '-'}${state.refreshAt === null ? ' (no renewal planned)' : ''}${error}`;
}

/** Describes what happened to a request at the backend, for a trace: the lifecycle trace's words, but for its arrival. */
export function describeBackendEvent(event: SkewedBackendEvent, now: number): string {
  if (event.type !== 'sent') return `backend: ${describeRequestEvent(event, now)}`;
  return `backend: request #${event.request} arrives${event.fault ? `, will fail: ${JSON.stringify(event.fault)}` : ''}`;
}
