import type { ChatSessionController } from '../ChatSessionController.js';
import type { InitialChatSession, ResolvedChatSessionControllerOptions } from '../ChatSessionControllerOptions.js';
import { type ChatSessionCredential, getCredentialSecret } from '../ChatSessionCredential.js';
import { type ChatSessionEnvironment, listenForWakeUps } from '../ChatSessionEnvironment.js';
import type { ChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionEventType } from '../ChatSessionEvent.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import { type CurrentSession, deriveChatSessionState } from '../ChatSessionState.js';
import type { ChatSessionTransition } from '../ChatSessionTransition.js';
import {
  addMs,
  computeSessionTiming,
  getRemainingMs,
  type Instant,
  placeAdoptedSession,
  type SessionTiming,
} from '../computeSessionTiming.js';
import type { TabSync } from '../createTabSync.js';
import { validateSession } from '../readSessionResult.js';
import { computeRetryDelay } from './computeRetryDelay.js';
import { createCallers, ended } from './createCallers.js';
import { createDeadlineTimer } from './createDeadlineTimer.js';
import { createDemand } from './createDemand.js';
import { createRequestRunner } from './createRequestRunner.js';
import { createStateStore } from './createStateStore.js';
import { pickClientSecret } from './pickClientSecret.js';
import { chooseFetchReason, decideRenewal, planTimer } from './renewalPolicy.js';

/**
 * Runs one controller: the facts as `let`s, the transitions that change them (commit, fail, adopt, expire, lapse),
 * each ending in one publish, and the public members; the rooms (the renewal policy, the request runner, demand, the
 * caller protocol, the state store) do the rest.
 *
 * @param policy The options with their defaults.
 * @param env The environment.
 * @param initialSession A session to start with, if any.
 * @returns The controller.
 */
export function createSessionRunner(
  policy: ResolvedChatSessionControllerOptions,
  env: ChatSessionEnvironment,
  initialSession?: InitialChatSession,
): ChatSessionController {
  const timer = createDeadlineTimer(env, policy.timerChunkMs);
  // The facts: everything users see is derived from them when a transition publishes.
  let current: CurrentSession | null = null;
  let due: Instant | null = null; // when the next renewal or retry is due
  let error: ChatSessionError | null = null;
  let refusal: ChatSessionError | null = null; // the app's ChatKit server refused the secret just renewed
  let attempt = 0;
  let started = false;
  let disposed = false;
  let held = false; // a session was held since the last reset(): the next one is not the `initial` one
  let lapsed = false; // the renewal due was let go because nothing needed it (reported once)
  let sync: TabSync | null = null;
  let stopWakeUps = () => {};

  const now = (): Instant => ({ wall: env.now(), mono: env.monotonicNow() });
  const left = () => current && getRemainingMs(current.expiry, now());
  const tell = (type: ChatSessionEventType, fields?: Partial<ChatSessionTransition>) => {
    try {
      const request = inflight();
      policy.telemetry?.({ type, sessionKey: policy.sessionKey, now: now(), request, attempt, ...fields });
    } catch {
      // Telemetry must never break the session.
    }
  };
  const needed = () => needs(policy.keepWarm, now());
  // A scheduled renewal goes out only while something needs the credential and the page is visible.
  const wanted = () => needed() && env.isVisible();
  const decide = (caller: boolean) => {
    const sending = !!inflight();
    const waitingForNetwork = error?.kind === 'network' && !env.isOnline();
    const coordinating = sync?.coordinating === true;
    return decideRenewal(
      { current, due, error, inflight: sending, waitingForNetwork, coordinating, wanted: wanted() },
      now(),
      caller,
    );
  };
  /** Arms the one timer from the facts; notices and reports a lapse (a renewal due that nothing needs). */
  const arm = () => {
    timer.clear();
    if (!started) return;
    if (lapsed !== (due !== null && !needed())) {
      lapsed = !lapsed;
      if (lapsed) tell('lapse', { remainingMs: left() });
      publish();
    }
    // Halted on a stopping error or with nothing wanted, only an expiry needs a timer; else a chunk at most, so sleep shows.
    const poll = !(error && !error.retryable) && wanted();
    timer.arm(planTimer(decide(false), current, now()), poll, () => evaluate('scheduled'));
  };
  /** Drops a session that has expired; tells whether it did. */
  const expire = () => {
    if (!current || getRemainingMs(current.expiry, now()) > 0) return false;
    current = null;
    tell('expiry', { remainingMs: 0 });
    return true;
  };
  const commit = (session: ChatSessionCredential, timing: SessionTiming, announce: boolean) => {
    current = { session, secret: getCredentialSecret(session), ...timing };
    due = timing.refreshDue;
    learnLifetime(timing.lifetimeMs);
    lapsed = false;
    held = true;
    error = null;
    attempt = 0;
    publish();
    arm();
    if (announce) sync?.publishSession(session, timing.expiry.wall, timing.lifetimeMs);
    settle({ session });
  };
  const fail = (failure: ChatSessionError) => {
    error = failure;
    attempt += 1;
    expire();
    const delay = computeRetryDelay(attempt, failure.retryAfterMs, policy, env.random());
    due = failure.retryable ? addMs(now(), delay) : null;
    publish();
    arm();
    settle({ error: failure });
  };
  /**
   * Takes a session that did not come from this controller's own request (`initialSession`, another tab) while it has
   * time left; one that fails the checks every fetched session passes is ignored (the controller fetches its own).
   */
  const adopt = (value: unknown, expiresAt: number, mintedLifetimeMs = 0) => {
    const placed = placeAdoptedSession(expiresAt, mintedLifetimeMs, now());
    let session: ChatSessionCredential;
    try {
      if (!placed) return;
      session = validateSession(value, policy.parseSession);
    } catch {
      return;
    }
    tell('adoption', { remainingMs: placed.remainingMs });
    const timing = computeSessionTiming(placed.lifetimeMs, placed.start, policy, env.random(), renewalMs());
    commit(session, timing, false);
  };

  /** Looks at the clocks: renews now if due (`cause` says why), then arms the timer for the next look. */
  const evaluate = (cause: ChatSessionFetchReason) => {
    if (!started) return;
    // An expired session leaves the state even while a request is in flight or this tab waits for another.
    if (expire()) publish();
    if (decide(false).action === 'fetch') {
      const reason = chooseFetchReason(attempt, held, cause);
      const tabs = sync;
      const asked = epoch();
      const live = () => asked === epoch();
      // Tabs sharing a session pick one renewer; this tab adopts the winner's session or renews itself, unless it was
      // stopped meanwhile (a Web Lock may be granted long after it was asked for) or nothing here wants it anymore. A
      // first session and one somebody here just asked for go out at once.
      if (tabs && reason !== 'initial' && (cause === 'scheduled' || cause === 'wake'))
        tabs.coordinate(
          () => (live() && wanted() ? run(reason) : Promise.resolve()),
          () => live() && arm(),
        );
      else run(reason);
    }
    arm();
  };

  const [holdDemand, noteAsk, learnLifetime, lifetimeMs, needs] = createDemand(arm);
  const [run, inflight, epoch, cancel, renewalMs] = createRequestRunner(policy, env, [
    now,
    () => current?.session ?? null,
    left,
    tell,
    (session, timing) => commit(session, timing, true),
    fail,
    learnLifetime,
    () => waiting() || wanted(),
    () => {
      // Sent after a sleep (a discarded arrival's successor), the session held may have expired meanwhile.
      expire();
      publish();
      arm();
    },
  ]);
  const [ask, refreshNow, settle, waiting] = createCallers([
    (replacing, need) => pickClientSecret(current, replacing, now(), need),
    (at, reason) => {
      // A caller needs the secret for a while; a prefetch is only intent, and keeps nothing renewed.
      if (reason !== 'prefetch') noteAsk(at);
      if (lapsed) evaluate(reason);
    },
    (reason) => {
      if (inflight()) return true;
      if (reason !== 'manual' && decide(true).action !== 'fetch') return false;
      run(chooseFetchReason(attempt, held, reason));
      return true;
    },
    () => error,
    (refused) => {
      if (current?.secret !== refused) return;
      current = null;
      publish();
    },
    epoch,
    lifetimeMs,
    now,
    () => disposed,
  ]);
  const [getState, publish, subscribe, unsubscribeAll] = createStateStore(() => {
    const sending = !!inflight();
    // Stopped, lapsing or with a request out, nothing is scheduled: no renewal time.
    const next = started && !lapsed && !sending ? due : null;
    return deriveChatSessionState({ current, inflight: sending, due: next, error, attempt, refusal });
  });

  const stop = () => {
    started = false;
    stopWakeUps();
    stopWakeUps = () => {};
    sync?.close();
    sync = null;
    timer.clear();
    cancel(ended());
    publish();
  };
  const resetHere = () => {
    if (disposed) return;
    stop();
    current = due = error = refusal = null;
    held = false;
    attempt = 0;
    settle({ end: true });
    publish();
  };

  if (initialSession) adopt(initialSession.session, initialSession.expiresAt);

  const controller: ChatSessionController = {
    start() {
      if (started || disposed) return;
      started = true;
      stopWakeUps = listenForWakeUps(env, (event) => {
        if (!env.isVisible()) return;
        // Back online: a retry waiting out a network failure may go now.
        if (event.type === 'online' && error?.kind === 'network') due = now();
        evaluate('wake');
      });
      sync = policy.shareAcrossTabs?.(policy, env, { current: () => current, adopt, reset: resetHere }) ?? null;
      evaluate('scheduled');
      publish();
      // Calls parked by stop() look again: they take the session held or join the request just started.
      settle({});
    },
    stop,
    dispose() {
      if (disposed) return;
      stop();
      disposed = true;
      settle({ end: true });
      unsubscribeAll();
    },
    reset() {
      sync?.publishReset();
      resetHere();
    },
    subscribe: (listener) => (disposed ? noop : subscribe(listener)),
    getState() {
      // Read after a sleep or while stopped, no timer has dropped an expired session yet: drop it now, and tell the
      // listeners outside of this read (it may happen during a render).
      if (expire()) publish(true);
      return getState();
    },
    getClientSecret: (currentClientSecret = null) => ask(currentClientSecret),
    hold() {
      const release = holdDemand();
      evaluate('on-demand');
      return release;
    },
    prefetch: () => ask(null, 'prefetch').then(noop, noop),
    refresh() {
      if (error && !error.retryable) error = null;
      refusal = null;
      return refreshNow();
    },
    reportRefusal(failure) {
      if (disposed || (!failure && !refusal)) return;
      refusal = failure;
      if (failure) tell('failure', { error: failure });
      publish();
    },
  };
  return controller;
}

const noop = () => {};
