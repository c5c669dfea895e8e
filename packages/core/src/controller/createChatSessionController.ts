import type { ChatSessionController } from '../ChatSessionController.js';
import { type ChatSessionControllerOptions, resolveControllerOptions } from '../ChatSessionControllerOptions.js';
import {
  type ChatSessionCredential,
  type ChatSessionCredentialFields,
  getCredentialSecret,
} from '../ChatSessionCredential.js';
import { createChatSessionEnvironment, listenForWakeUps } from '../ChatSessionEnvironment.js';
import { type ChatSessionError, disposedError } from '../ChatSessionError.js';
import type { ChatSessionEventType } from '../ChatSessionEvent.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import {
  type ChatSessionState,
  type CurrentSession,
  deriveChatSessionState,
  isSameChatSessionState,
} from '../ChatSessionState.js';
import type { ChatSessionTransition } from '../ChatSessionTransition.js';
import type { TabSync } from '../createTabSync.js';
import { addMs, computeSessionTiming, getRemainingMs, type Instant, type SessionTiming } from '../computeSessionTiming.js';
import { validateSession } from '../readSessionResult.js';
import { computeRetryDelay } from './computeRetryDelay.js';
import { createCallers, isCallOver, isRefusedSecret, type Outcome } from './createCallers.js';
import { createDeadlineTimer } from './createDeadlineTimer.js';
import { createDemand } from './createDemand.js';
import { createRequestRunner } from './createRequestRunner.js';
import { pickClientSecret } from './pickClientSecret.js';
import { chooseFetchReason, decideRenewal, planTimer } from './renewalPolicy.js';

/**
 * Creates a session controller that keeps one short-lived credential fresh (a ChatKit session by default; a token
 * from `createChatKitTokenHandler` or an OpenAI Realtime client secret work the same): it renews before `expires_at`
 * (measured on the server's clock), retries transient failures with backoff while the current secret stays in use,
 * and hands ChatKit a valid secret through `getClientSecret`. Nothing starts until `start()` or `getClientSecret()`;
 * `start()` and `stop()` may alternate any number of times, and only `dispose()` is final.
 *
 * @param options `fetchSession` and, optionally, the renewal policy, a `parseSession` (which types `state.session`)
 *   and the environment.
 * @returns The controller.
 * @example
 * const controller = createChatSessionController({
 *   fetchSession: ({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal }),
 * });
 * controller.start();
 * chatkitElement.setOptions({ api: { getClientSecret: controller.getClientSecret } });
 */
export function createChatSessionController<TSession extends ChatSessionCredentialFields = ChatSessionCredential>(
  options: ChatSessionControllerOptions<TSession>,
): ChatSessionController<TSession> {
  // The controller reads only the checked fields; `parseSession` alone decides what else a session carries.
  const policy = resolveControllerOptions(options as unknown as ChatSessionControllerOptions);
  const env = createChatSessionEnvironment(options.environment);
  const timer = createDeadlineTimer(env, policy.timerChunkMs);
  const callers = createCallers();
  const listeners = new Set<(state: ChatSessionState) => void>();
  // The facts. Everything users see is derived from them in `publish()`.
  let current: CurrentSession | null = null;
  /** When the next renewal or retry is due; `null` when none is scheduled. */
  let due: Instant | null = null;
  let error: ChatSessionError | null = null;
  /** The app's ChatKit server refused the secret just renewed; cleared when it accepts one, on refresh() and reset(). */
  let refusal: ChatSessionError | null = null;
  let attempt = 0;
  let started = false;
  let disposed = false;
  /** Whether a session was held since the last `reset()`: the next one is then not the `initial` one. */
  let held = false;
  /** Whether the renewal that came due was let go because nothing needed it (reported once). */
  let lapsed = false;
  /** The lifetime of the last session: a caller's ask counts as a need for this long. ChatKit's longest at first. */
  let lifetimeMs = 600_000;
  let sync: TabSync | null = null;
  let stopWakeUps = () => {};

  const now = (): Instant => ({ wall: env.now(), mono: env.monotonicNow() });
  const left = () => current && getRemainingMs(current.expiry, now());
  const tell = (type: ChatSessionEventType, fields?: Partial<ChatSessionTransition>) => {
    try {
      policy.telemetry?.({ type, sessionKey: policy.sessionKey, now: now(), request: requests.sent(), attempt, ...fields });
    } catch {
      // Telemetry must never break the session.
    }
  };
  /** Whether something needs the credential renewed on schedule. */
  const needed = () => demand.needs(policy.keepWarm, lifetimeMs, now());
  /** Whether a scheduled renewal may go out: something needs the credential, and the page is visible. */
  const wanted = () => needed() && env.isVisible();
  const decide = (caller: boolean) =>
    decideRenewal(
      {
        current,
        due,
        error,
        inflight: requests.sent() !== null,
        waitingForNetwork: error?.kind === 'network' && !env.isOnline(),
        coordinating: sync?.coordinating === true,
        wanted: wanted(),
      },
      now(),
      caller,
    );

  const derive = (): ChatSessionState => {
    const inflight = requests.sent() !== null;
    // A stopped controller runs no timer, one that lets its session lapse renews nothing, and one with a request out
    // has nothing scheduled until it lands: no renewal time.
    const next = started && !lapsed && !inflight ? due : null;
    return deriveChatSessionState({ current, inflight, due: next, error, attempt, refusal });
  };
  const publish = (later?: boolean) => {
    const next = derive();
    if (isSameChatSessionState(state, next)) return;
    state = next;
    // Each listener is called once, even if one unsubscribes another meanwhile.
    const notify = () => state === next && [...listeners].forEach((listener) => listener(next));
    later ? queueMicrotask(notify) : notify();
  };

  /** Arms the one timer from the facts; notices and reports a lapse (a renewal due that nothing needs). */
  const arm = () => {
    timer.clear();
    if (!started) return;
    const lapsing = due !== null && !needed();
    if (lapsing !== lapsed) {
      lapsed = lapsing;
      if (lapsing) tell('lapse', { remainingMs: left() });
      publish();
    }
    // Halted on a stopping error or with nothing wanted, only an expiry needs a timer; otherwise one chunk at most,
    // so sleep shows.
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
    lapsed = false;
    held = true;
    current = { session, secret: getCredentialSecret(session), expiry: timing.expiry, minValidityMs: timing.minValidityMs };
    lifetimeMs = timing.lifetimeMs;
    due = timing.refreshDue;
    error = null;
    attempt = 0;
    publish();
    arm();
    if (announce) sync?.publishSession(session, timing.expiry.wall, timing.lifetimeMs);
    callers.settle({ session });
  };

  const fail = (failure: ChatSessionError) => {
    error = failure;
    attempt += 1;
    expire();
    const delay = computeRetryDelay(attempt, failure.retryAfterMs, policy, env.random());
    due = failure.retryable ? addMs(now(), delay) : null;
    publish();
    arm();
    callers.settle({ error: failure });
  };

  /**
   * Takes a session that did not come from this controller's own request (`initialSession`, another tab) while it has
   * time left. One that fails the checks every fetched session passes is ignored: the controller fetches its own.
   */
  const adopt = (value: unknown, expiresAt: number, mintedLifetimeMs = 0) => {
    const at = now();
    const remainingMs = expiresAt - at.wall;
    if (!(remainingMs > 0)) return;
    let session: ChatSessionCredential;
    try {
      session = validateSession(value, policy.parseSession);
    } catch {
      return;
    }
    // Another tab's session keeps the lifetime it was minted with, which minValidityMs and the renewal point scale by
    // (it may arrive late, after a sleep); an `initialSession` counts the time it has left as its lifetime.
    const lifetime = Math.max(remainingMs, mintedLifetimeMs);
    const start = addMs(at, remainingMs - lifetime);
    tell('adoption', { remainingMs });
    commit(session, computeSessionTiming(lifetime, start, policy, env.random(), requests.renewalMs()), false);
  };

  /** Decides, from the clocks alone, whether to renew now, and why (`cause`); then arms the timer for the next look. */
  const evaluate = (cause: ChatSessionFetchReason) => {
    if (!started) return;
    // An expired session leaves the state even while a request is in flight or this tab waits for another.
    if (expire()) publish();
    if (decide(false).action === 'fetch') {
      const reason = chooseFetchReason(attempt, held, cause);
      const tabs = sync;
      const epoch = requests.epoch();
      const live = () => epoch === requests.epoch();
      // Tabs sharing a session pick one renewer; this tab adopts the winner's session or renews itself, unless it was
      // stopped, reset or disposed meanwhile (a Web Lock may be granted long after it was asked for), or nothing here
      // wants the renewal anymore. A first session and one somebody here just asked for go out at once.
      if (tabs && reason !== 'initial' && (cause === 'scheduled' || cause === 'wake'))
        tabs.coordinate(
          () => (live() && wanted() ? requests.run(reason) : Promise.resolve()),
          () => live() && arm(),
        );
      else requests.run(reason);
    }
    arm();
  };

  const requests = createRequestRunner(policy, env, {
    now,
    session: () => current?.session ?? null,
    left,
    tell,
    land: (session, timing) => commit(session, timing, true),
    fail,
    learn: (lifetime) => {
      lifetimeMs = lifetime;
    },
    wanted: () => callers.waiting() || wanted(),
    sent: () => {
      // Sent after a sleep (a discarded arrival's successor), the session held may have expired meanwhile.
      expire();
      publish();
      arm();
    },
  });
  const demand = createDemand(arm);
  // Each controller has a state object of its own: equal states of two controllers are never the same object.
  let state = derive();

  /** Hands out a still-valid secret after a failure rather than nothing, unless it is the one being replaced. */
  const fallback = (replacing: string | null, failure: ChatSessionError | null) => {
    if (isRefusedSecret(failure, replacing, current?.secret ?? null)) {
      current = null;
      publish();
    }
    const secret = pickClientSecret(current, replacing, now(), 'unexpired');
    if (secret === null) throw failure;
    return secret;
  };

  /** Answers a caller, fetching with `reason` (else `on-demand`, or `initial` for the first session) if needed. */
  const ask = async (replacing: string | null, reason?: ChatSessionFetchReason): Promise<string> => {
    const askedAt = now();
    // A caller needs the secret for a while; a prefetch is only intent, and keeps nothing renewed.
    if (reason !== 'prefetch') demand.ask(askedAt);
    if (lapsed) evaluate(reason ?? 'on-demand');
    for (;;) {
      if (disposed) throw ended();
      // Checked at the moment of answering: time passes, and a laptop may sleep, while a caller waits.
      const secret = pickClientSecret(current, replacing, now(), 'usable');
      if (secret !== null) return secret;
      if (!requests.sent()) {
        if (decide(true).action !== 'fetch') return fallback(replacing, error);
        requests.run(chooseFetchReason(attempt, held, reason ?? 'on-demand'));
      }
      const epoch = requests.epoch();
      const outcome: Outcome = await callers.next();
      if (isCallOver(outcome, epoch !== requests.epoch(), reason, askedAt, lifetimeMs, now())) throw ended();
      if (outcome.error) return fallback(replacing, outcome.error);
      // A backend that hands out the same secret again must not make this a loop.
      if (outcome.session) replacing = null;
    }
  };

  const stop = () => {
    started = false;
    stopWakeUps();
    stopWakeUps = () => {};
    sync?.close();
    sync = null;
    timer.clear();
    requests.cancel(ended());
    publish();
  };
  const resetHere = () => {
    if (disposed) return;
    stop();
    current = due = error = refusal = null;
    held = false;
    attempt = 0;
    callers.settle({ end: true });
    publish();
  };

  if (options.initialSession) adopt(options.initialSession.session, options.initialSession.expiresAt);

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
      callers.settle({});
    },
    stop,
    dispose() {
      if (disposed) return;
      stop();
      disposed = true;
      callers.settle({ end: true });
      listeners.clear();
    },
    reset() {
      sync?.publishReset();
      resetHere();
    },
    subscribe(listener) {
      if (disposed) return () => {};
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getState() {
      // Read after a sleep or while stopped, no timer has dropped an expired session yet: drop it now, and tell the
      // listeners outside of this read (it may happen during a render).
      if (expire()) publish(true);
      return state;
    },
    getClientSecret: (currentClientSecret = null) => ask(currentClientSecret),
    hold() {
      const release = demand.hold();
      evaluate('on-demand');
      return release;
    },
    prefetch: () => ask(null, 'prefetch').then(noop, noop),
    async refresh() {
      if (error && !error.retryable) error = null;
      refusal = null;
      for (;;) {
        if (disposed) throw ended();
        if (!requests.sent()) requests.run('manual');
        const outcome = await callers.next();
        if (outcome.session) return outcome.session;
        if (outcome.end) throw ended();
        if (outcome.error) throw outcome.error;
      }
    },
    reportRefusal(failure) {
      if (disposed || (!failure && !refusal)) return;
      refusal = failure;
      if (failure) tell('failure', { error: failure });
      publish();
    },
  };
  return controller as unknown as ChatSessionController<TSession>;
}

// Reset and dispose end the waits of every caller; one message covers both (and a request aborted by stop()).
const ended = () => disposedError('The session controller was stopped, reset or disposed.');

const noop = () => {};
