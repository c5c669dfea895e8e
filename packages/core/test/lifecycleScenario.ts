import type { ChatSessionState } from '../src/index.js';
import type { SkewedBackendEvent } from './createSkewedBackend.js';
import type { TestFault } from './createTestBackend.js';
import { createRandom } from './createTestEnvironment.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** What stays the same through one simulated run. */
export interface LifecycleConfig {
  /** Seeds the controller's jitter and each request's latency and fault. */
  readonly seed: number;
  readonly lifetimeSeconds: number;
  /** How far the server's clock (its `Date` header and `expires_at`) is ahead of true time. */
  readonly serverClockOffsetMs: number;
  /** How far the client's wall clock is ahead of true time. */
  readonly clientClockOffsetMs: number;
  /** The share of requests that fail (5xx, 429 with Retry-After, network error, hang). */
  readonly faultRate: number;
  /** The median latency of a request. */
  readonly latencyMs: number;
}

/** One thing that happens to a started controller, `at` milliseconds of awake time after the start. */
export type LifecycleStep =
  | { readonly at: number; readonly kind: 'callers'; readonly count: number; readonly replacing: boolean }
  | {
      readonly at: number;
      readonly kind: 'sleep';
      readonly ms: number;
      readonly monotonicAdvances: boolean;
      /**
       * `now`; `in-flight`: during the request in flight, else once the task that sent the next one has run; `at-delivery`: after
       * the server answers the next (or current) request and before the controller reads the answer.
       */
      readonly phase: 'now' | 'in-flight' | 'at-delivery';
    }
  | { readonly at: number; readonly kind: 'wake'; readonly event: 'visibilitychange' | 'focus' | 'pageshow' | 'online' }
  | { readonly at: number; readonly kind: 'stop' }
  | { readonly at: number; readonly kind: 'start' };

/** A whole simulated run: replaying it gives the same run, event for event. */
export interface LifecycleScenario {
  readonly config: LifecycleConfig;
  readonly steps: readonly LifecycleStep[];
  /** Awake time simulated before the final checks. */
  readonly durationMs: number;
}

const WAKE_EVENTS = ['visibilitychange', 'focus', 'pageshow', 'online'] as const;

/**
 * Returns the latency and fault of one request: drawn from the seed and the request's number alone, so a run with
 * fewer steps still sees the same request 7.
 *
 * @param config The run's configuration.
 * @param request The request's number, from 1.
 * @returns Its latency in milliseconds and its fault, if any.
 */
export function getRequestPlan(config: LifecycleConfig, request: number): { latencyMs: number; fault?: TestFault } {
  const random = createRandom((config.seed * 65_537 + request * 7_919) >>> 0);
  const latencyMs = Math.round(config.latencyMs * (0.5 + random()));
  if (random() >= config.faultRate) return { latencyMs };
  const kind = random();
  if (kind < 0.3)
    return { latencyMs, fault: { kind: 'status', status: [500, 502, 503][Math.floor(random() * 3)] ?? 500 } };
  if (kind < 0.5) {
    const retryAfter = String(1 + Math.floor(random() * 30));
    return { latencyMs, fault: { kind: 'status', status: 429, headers: { 'retry-after': retryAfter } } };
  }
  return { latencyMs, fault: kind < 0.8 ? { kind: 'network' } : { kind: 'hang' } };
}

/**
 * Generates the scenario of one seed: session lifetime 20–600 s, server clock ±2 h, client clock 0 or ±2 h, 0–30 %
 * faults, callers in bursts, sleeps of 1–40 min (some while a request is in flight or between the server's answer and
 * its delivery), wake-up events and sometimes a stop()/start() pair.
 *
 * @param seed The seed.
 * @param durationMs Awake time to simulate.
 * @returns The scenario.
 */
export function generateLifecycleScenario(seed: number, durationMs = 2 * HOUR): LifecycleScenario {
  const random = createRandom(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const at = () => Math.floor(random() * durationMs);
  const config: LifecycleConfig = {
    seed,
    lifetimeSeconds: between(20, 600),
    serverClockOffsetMs: between(-2 * HOUR, 2 * HOUR),
    clientClockOffsetMs: random() < 0.5 ? 0 : between(-2 * HOUR, 2 * HOUR),
    faultRate: Math.round(random() * 30) / 100,
    latencyMs: between(20, 1500),
  };
  const steps: LifecycleStep[] = [];
  for (let burst = between(20, 60); burst > 0; burst -= 1) {
    steps.push({ at: at(), kind: 'callers', count: 1 + Math.floor(random() ** 2 * 8), replacing: random() < 0.3 });
  }
  for (let sleep = between(1, 3); sleep > 0; sleep -= 1) {
    const phase = (['now', 'now', 'in-flight', 'at-delivery', 'at-delivery'] as const)[between(0, 4)] ?? 'now';
    const step = {
      at: at(),
      kind: 'sleep',
      ms: between(1, 40) * MINUTE,
      monotonicAdvances: random() < 0.5,
      phase,
    } as const;
    steps.push(step);
    if (phase === 'now' && random() < 0.5) steps.push({ at: step.at, kind: 'wake', event: 'visibilitychange' });
  }
  for (let wake = between(2, 5); wake > 0; wake -= 1) {
    steps.push({ at: at(), kind: 'wake', event: WAKE_EVENTS[between(0, 3)] ?? 'focus' });
  }
  if (random() < 0.35) {
    for (let pair = between(1, 2); pair > 0; pair -= 1) {
      const stopAt = at();
      steps.push(
        { at: stopAt, kind: 'stop' },
        { at: Math.min(durationMs, stopAt + between(1, 10) * MINUTE), kind: 'start' },
      );
    }
  }
  // Stable: steps at the same instant keep their order (a sleep before its wake-up).
  steps.sort((a, b) => a.at - b.at);
  return { config, steps, durationMs };
}

/** Formats milliseconds as `h:mm:ss.t`, signed when negative. */
export function formatTime(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const tenths = Math.round(Math.abs(ms) / 100);
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor(tenths / 600) % 60;
  const seconds = (tenths % 600) / 10;
  return `${sign}${hours}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(1).padStart(4, '0')}`;
}

/** Describes a step in words, for a trace. */
export function describeStep(step: LifecycleStep): string {
  switch (step.kind) {
    case 'callers':
      return `${step.count} getClientSecret(${step.replacing ? 'last secret handed out' : 'null'}) call(s)`;
    case 'sleep': {
      const where = {
        now: 'now',
        'in-flight': 'while a request is in flight',
        'at-delivery': "between the server's answer and its delivery",
      };
      return `sleep ${step.ms / MINUTE} min ${where[step.phase]} (monotonic clock ${step.monotonicAdvances ? 'runs' : 'pauses'})`;
    }
    case 'wake':
      return `'${step.event}' event`;
    default:
      return `${step.kind}()`;
  }
}

/** Describes a configuration in words. */
export function describeConfig(config: LifecycleConfig): string {
  return [
    `seed ${config.seed}`,
    `${config.lifetimeSeconds}-s sessions`,
    `server clock ${formatTime(config.serverClockOffsetMs)}`,
    `client clock ${formatTime(config.clientClockOffsetMs)}`,
    `${Math.round(config.faultRate * 100)} % faults`,
    `latency ~${config.latencyMs} ms`,
  ].join(', ');
}

/** Describes what happened to a request, for a trace. */
export function describeBackendEvent(event: SkewedBackendEvent, now: number): string {
  switch (event.type) {
    case 'sent':
      return `request #${event.request} sent (${event.reason})${event.fault ? `, will fail: ${JSON.stringify(event.fault)}` : ''}`;
    case 'minted':
      return `request #${event.request} answered: ${event.secret}, true expiry in ${formatTime(event.trueExpiresAtMs - now)}`;
    case 'failed':
      return `request #${event.request} failed (${event.fault.kind === 'status' ? event.fault.status : event.fault.kind})`;
    default:
      return `request #${event.request} aborted`;
  }
}

/** Describes a state, its deadlines relative to the client's wall clock. */
export function describeState(state: ChatSessionState, localNow: number): string {
  const at = (ms: number | null) => (ms === null ? '-' : formatTime(ms - localNow));
  const error = state.error ? `, error ${state.error.kind}${state.error.retryable ? '' : ' (stops)'}` : '';
  return `state ${state.status} ${state.clientSecret ?? '-'} (expires in ${at(state.expiresAt)}, refresh in ${at(state.refreshAt)}${error})`;
}
