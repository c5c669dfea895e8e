import { vi } from 'vitest';
import {
  type ChatSessionController,
  ChatSessionError,
  type ChatSessionState,
  createChatSessionController,
  type FetchSessionContext,
} from '../src/index.js';
import { createScenarioRecorder } from './createScenarioRecorder.js';
import { createSkewedBackend } from './createSkewedBackend.js';
import { createTestEnvironment } from './createTestEnvironment.js';
import { createTimerDriver } from './createTimerDriver.js';
import type { Violation, ViolationKind } from './lifecycleInvariants.js';
import {
  describeBackendEvent,
  describeState,
  describeStep,
  formatTime,
  getRequestPlan,
  type LifecycleScenario,
  type LifecycleStep,
  MINUTE,
  SECOND,
} from './lifecycleScenario.js';

/** How a run goes. */
export interface RunOptions {
  /** Ends the run at the first breach of this kind (to shrink). */
  readonly stopOn?: ViolationKind;
  /** Keeps a trace of events for the messages. */
  readonly record?: boolean;
  /** How many of the last events the trace keeps. Defaults to `25`. */
  readonly traceLines?: number;
  /** Moves fake time with `vi.advanceTimersByTimeAsync` (slower), to check the driver. Defaults to `false`. */
  readonly exactTimers?: boolean;
}

const START = new Date('2026-11-26T09:00:00Z').getTime();

type SleepStep = Extract<LifecycleStep, { kind: 'sleep' }>;
type RunResult = { violations: Violation[]; trace: string[] };

/** One run of a scenario: a controller, its environment, a skewed backend and the checks. */
class LifecycleRun {
  readonly #scenario: LifecycleScenario;
  readonly #recorder: ReturnType<typeof createScenarioRecorder<ViolationKind>>;
  readonly #driver: ReturnType<typeof createTimerDriver>;
  readonly #env: ReturnType<typeof createTestEnvironment>;
  readonly #backend: ReturnType<typeof createSkewedBackend>;
  readonly #controller: ChatSessionController;
  readonly #perfStart = performance.now();
  readonly #minValidityMs: number;
  /** The true expiry of every secret, in order: the moments (b) may first break. */
  readonly #probes: number[] = [];
  readonly #pending = new Set<number>();
  readonly #unhandled: unknown[] = [];
  #started = false;
  #disposed = false;
  #callers = 0;
  /** When a caller last asked, in true time. */
  #askedAt = Number.NEGATIVE_INFINITY;
  #lastHandedOut: string | null = null;
  #sleepOnSend: SleepStep | null = null;
  /** A sleep due while the request just sent is in flight, taken at the next pause. */
  #sleepAtPause: { readonly step: SleepStep; readonly when: string } | null = null;
  #sleepOnDelivery: SleepStep | null = null;

  constructor(scenario: LifecycleScenario, options: RunOptions) {
    const { config } = scenario;
    this.#scenario = scenario;
    this.#recorder = createScenarioRecorder({ startMs: START, traceLines: options.traceLines ?? 25, ...options });
    this.#minValidityMs = Math.min(60 * SECOND, ((config.lifetimeSeconds - 1) * SECOND) / 4);
    this.#driver = createTimerDriver({ exact: options.exactTimers ?? false });
    this.#env = createTestEnvironment({ clockOffsetMs: config.clientClockOffsetMs, seed: config.seed });
    this.#backend = createSkewedBackend({
      lifetimeSeconds: config.lifetimeSeconds,
      serverClockOffsetMs: config.serverClockOffsetMs,
      latencyMs: (request) => getRequestPlan(config, request).latencyMs,
      faultOf: (request) => getRequestPlan(config, request).fault,
      timers: this.#driver,
      onEvent: (event) => {
        if (event.type === 'minted') this.#probes.push(event.trueExpiresAtMs + 1);
        this.#recorder.log(() => describeBackendEvent(event, Date.now()));
      },
    });
    const { setTimeout, clearTimeout } = this.#driver;
    this.#controller = createChatSessionController({
      fetchSession: this.#fetchSession,
      environment: { ...this.#env.environment, setTimeout, clearTimeout },
    });
    this.#controller.subscribe((state) => {
      this.#recorder.log(() => describeState(state, this.#env.environment.now()));
      this.#checkState(state, true);
    });
  }

  async run(): Promise<RunResult> {
    const onUnhandled = (reason: unknown) => this.#unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      this.#perform({ at: 0, kind: 'start' });
      for (const step of this.#scenario.steps) {
        await this.#runFor(step.at - this.#awake());
        if (this.#recorder.stopped) break;
        this.#recorder.log(() => `step: ${describeStep(step)}`);
        this.#perform(step);
        this.#check();
      }
      if (!this.#recorder.stopped) await this.#runFor(this.#scenario.durationMs - this.#awake());
      await this.#finish();
      return { violations: [...this.#recorder.violations.values()], trace: this.#recorder.trace };
    } finally {
      this.#controller.dispose();
      process.off('unhandledRejection', onUnhandled);
    }
  }

  /** Starts a stopped controller, lets pending calls settle, disposes and checks that nothing is left. */
  async #finish() {
    if (!this.#recorder.stopped) {
      if (!this.#started) {
        this.#recorder.log(() => 'end of the steps: start()');
        this.#perform({ at: this.#awake(), kind: 'start' });
      }
      await this.#runFor(10 * MINUTE);
      const pending = this.#pending.size;
      if (pending > 0)
        this.#recorder.violate('f: still pending', `${pending} getClientSecret call(s) pending 10 min after the end`);
    }
    this.#controller.dispose();
    this.#disposed = true;
    vi.advanceTimersByTime(0);
    await this.#driver.run(0);
    if (this.#recorder.stopped) return;
    const left = { timers: vi.getTimerCount(), listeners: this.#env.listenerCount(), requests: this.#backend.inFlight };
    if (left.timers + left.listeners + left.requests > 0)
      this.#recorder.violate('e', `dispose() left ${JSON.stringify(left)}`);
  }

  #awake() {
    return performance.now() - this.#perfStart;
  }

  #validityOf(secret: string) {
    return (this.#backend.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
  }

  readonly #fetchSession = async (context: FetchSessionContext) => {
    const answer = this.#backend.fetchSession(context);
    const onSend = this.#sleepOnSend;
    this.#sleepOnSend = null;
    // Taken at the next pause, while the request is still out, and not inside the task that sent it: a caller that
    // task answered from the session held has read its answer by then. Nothing can keep a secret valid between a
    // promise settling and its reader running, and a real sleep lands in that instant with probability zero.
    if (onSend) this.#sleepAtPause = { step: onSend, when: `while request #${this.#backend.requests} is in flight` };
    const response = await answer;
    const onDelivery = this.#sleepOnDelivery;
    this.#sleepOnDelivery = null;
    if (onDelivery)
      this.#sleep(onDelivery, `between the server's answer to #${this.#backend.requests} and its delivery`);
    return response;
  };

  #sleep(step: SleepStep, when: string) {
    const monotonic = step.monotonicAdvances ? 'runs' : 'pauses';
    this.#recorder.log(() => `machine sleeps ${step.ms / MINUTE} min ${when} (monotonic clock ${monotonic})`);
    this.#env.sleep(step.ms, { monotonicAdvances: step.monotonicAdvances });
  }

  #perform(step: LifecycleStep) {
    switch (step.kind) {
      case 'callers':
        for (let call = 0; call < step.count; call += 1) this.#ask(step.replacing ? this.#lastHandedOut : null);
        return;
      case 'wake':
        this.#env.dispatch(step.event);
        return;
      case 'stop':
        this.#controller.stop();
        this.#started = false;
        return;
      case 'start':
        this.#controller.start();
        this.#started = true;
        return;
    }
    if (step.phase === 'now') this.#sleep(step, 'now');
    else if (step.phase === 'in-flight' && this.#backend.inFlight > 0)
      this.#sleep(step, 'while a request is in flight');
    else if (step.phase === 'in-flight') this.#sleepOnSend = step;
    else this.#sleepOnDelivery = step;
  }

  #runFor(ms: number) {
    return this.#driver.run(Math.max(0, ms), {
      nextStop: this.#nextProbe,
      check: () => {
        const pending = this.#sleepAtPause;
        this.#sleepAtPause = null;
        if (pending && !this.#disposed) this.#sleep(pending.step, pending.when);
        this.#check();
      },
      done: () => this.#recorder.stopped,
    });
  }

  readonly #nextProbe = () => {
    const now = Date.now();
    // Minted in order with one lifetime, so the first probe ahead is the next.
    while (this.#probes.length > 0 && (this.#probes[0] ?? 0) <= now) this.#probes.shift();
    const next = this.#probes[0];
    return next === undefined ? undefined : performance.now() + (next - now);
  };

  #check() {
    if (this.#disposed) return;
    if (this.#unhandled.length > 0) this.#recorder.violate('c', `unhandled rejection: ${String(this.#unhandled[0])}`);
    const state = this.#controller.getState();
    this.#checkState(state, false);
    const stopping = state.error !== null && !state.error.retryable;
    // Nothing armed is right only once nothing needs the secret: it lapsed, no caller asked within a lifetime (as
    // the controller measures it: up to the Date header's second and the request's latency less than the true one).
    const { lifetimeSeconds, latencyMs } = this.#scenario.config;
    const lapsed =
      state.clientSecret === null &&
      state.refreshAt === null &&
      Date.now() - this.#askedAt > lifetimeSeconds * SECOND - SECOND - 2 * latencyMs;
    if (this.#started && vi.getTimerCount() === 0 && this.#backend.inFlight === 0 && !stopping && !lapsed) {
      const described = describeState(state, this.#env.environment.now());
      this.#recorder.violate('d', `started, but no timer is armed and no request in flight (${described})`);
    }
  }

  #checkState(state: ChatSessionState, published: boolean) {
    if (state.clientSecret === null) return;
    const validityMs = this.#validityOf(state.clientSecret);
    if (validityMs > 0) return;
    const expiredAt = Date.now() + validityMs;
    const kind = published
      ? 'b: in a published state'
      : expiredAt > (this.#backend.inFlightSince ?? Number.POSITIVE_INFINITY)
        ? 'b: expired during a request'
        : 'b: kept after expiry';
    const where = published ? 'a published state' : 'getState()';
    const late = formatTime(-validityMs);
    this.#recorder.violate(
      kind,
      `${where} shows ${state.clientSecret} (${state.status}) ${late} after its true expiry`,
    );
  }

  #ask(replacing: string | null) {
    this.#callers += 1;
    this.#askedAt = Date.now();
    const caller = `caller #${this.#callers} (asked at ${formatTime(Date.now() - START)}${replacing ? `, replacing ${replacing}` : ''})`;
    const id = this.#callers;
    this.#pending.add(id);
    this.#recorder.log(() => `${caller} asks getClientSecret(${replacing})`);
    this.#controller.getClientSecret(replacing).then(
      (secret) => {
        this.#pending.delete(id);
        this.#lastHandedOut = secret;
        this.#checkHandedOut(caller, replacing, secret);
      },
      (error: unknown) => {
        this.#pending.delete(id);
        const kind = error instanceof ChatSessionError ? error.kind : String(error);
        this.#recorder.log(() => `${caller} is rejected: ${kind}`);
        if (!(error instanceof ChatSessionError))
          this.#recorder.violate('f: untyped rejection', `${caller} got ${kind}`);
        else if (kind === 'disposed' && !this.#disposed)
          this.#recorder.violate('f: rejected by stop()', `${caller} got ${kind}`);
      },
    );
  }

  #checkHandedOut(caller: string, replacing: string | null, secret: string) {
    const validityMs = this.#validityOf(secret);
    // After a failed renewal a still-valid secret may be handed out rather than nothing (the documented fallback).
    const { error } = this.#controller.getState();
    const fallback = error ? ` (fallback after ${error.kind})` : '';
    this.#recorder.log(() => `${caller} gets ${secret}, ${formatTime(validityMs)} left${fallback}`);
    const needMs = error ? 1 : this.#minValidityMs;
    if (secret === replacing)
      this.#recorder.violate('a: the replaced secret', `${caller} got back the secret it replaces`);
    else if (!(validityMs >= needMs)) {
      const message = `${caller} got ${secret} with ${formatTime(validityMs)} left; needs ${formatTime(needMs)}${fallback}`;
      this.#recorder.violate(error ? 'a: expired fallback' : 'a: too little validity', message);
    }
  }
}

/**
 * Runs one scenario on fake time against a real controller and checks the invariants after every timer, every step,
 * every published state and at every secret's true expiry.
 *
 * @param scenario The scenario (see `generateLifecycleScenario`).
 * @param options When to stop early, whether to record a trace, and how to move time.
 * @returns The first breach of each kind, in the order found, and the last events when recorded.
 * @example
 * const { violations } = await runLifecycleScenario(generateLifecycleScenario(17));
 */
export async function runLifecycleScenario(scenario: LifecycleScenario, options: RunOptions = {}): Promise<RunResult> {
  vi.useFakeTimers({ now: START });
  try {
    return await new LifecycleRun(scenario, options).run();
  } finally {
    vi.useRealTimers();
  }
}
