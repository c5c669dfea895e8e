import type { ChatSessionController } from './ChatSessionController.js';
import {
  type ChatSessionControllerOptions,
  type ResolvedChatSessionControllerOptions,
  resolveControllerOptions,
} from './ChatSessionControllerOptions.js';
import {
  type ChatSessionCredential,
  type ChatSessionCredentialFields,
  getCredentialSecret,
} from './ChatSessionCredential.js';
import {
  type ChatSessionEnvironment,
  createChatSessionEnvironment,
  listenForWakeUps,
} from './ChatSessionEnvironment.js';
import { ChatSessionError, disposedError, toChatSessionError } from './ChatSessionError.js';
import type { ChatSessionEvent, ChatSessionEventType } from './ChatSessionEvent.js';
import type { ChatSessionFetchReason } from './ChatSessionFetchReason.js';
import {
  type ChatSessionState,
  type CurrentSession,
  deriveChatSessionState,
  isSameChatSessionState,
} from './ChatSessionState.js';
import { computeRetryDelay } from './computeRetryDelay.js';
import {
  addMs,
  computeSessionTiming,
  getRemainingMs,
  type Instant,
  type SessionTiming,
} from './computeSessionTiming.js';
import { createDeadlineTimer, type DeadlineTimer } from './createDeadlineTimer.js';
import type { TabSync } from './createTabSync.js';
import { decideRenewal, type RenewalDecision } from './decideRenewal.js';
import { pickClientSecret } from './pickClientSecret.js';
import { validateSession } from './readSessionResult.js';
import { requestSession } from './requestSession.js';
import { Subscribable } from './Subscribable.js';

/**
 * What the waiting calls hear: a request's `session` or `error`; `end` when the controller was reset or disposed; `{}`
 * when they should look again (after `start()`).
 */
type Outcome = { readonly session?: ChatSessionCredential; readonly error?: ChatSessionError; readonly end?: true };

// The delay of a look that is due now: a timer of its own, so that a look never runs inside the one that armed it.
const DUE_NOW_MS = 1;

// A session that lands with too little time left is discarded and fetched again, this many times in a row at most.
const MAX_DISCARDS = 2;

class SessionController extends Subscribable<(state: ChatSessionState) => void> implements ChatSessionController {
  readonly #options: ResolvedChatSessionControllerOptions;
  readonly #env: ChatSessionEnvironment;
  #state: ChatSessionState;
  #current: CurrentSession | null = null;
  /** When the next renewal or retry is due; `null` when none is scheduled. */
  #due: Instant | null = null;
  #inflight: Promise<void> | null = null;
  #abort: AbortController | null = null;
  /** Bumped by stop(), reset() and dispose(): whatever an older epoch started lands nowhere. */
  #epoch = 0;
  readonly #timer: DeadlineTimer;
  #started = false;
  #disposed = false;
  #error: ChatSessionError | null = null;
  /** The app's ChatKit server refused the secret just renewed; cleared when it accepts one, on refresh() and reset(). */
  #refusal: ChatSessionError | null = null;
  #attempt = 0;
  #discards = 0;
  #sync: TabSync | null = null;
  /** How many `hold()`s are out. */
  #holds = 0;
  /** When a caller last asked for a secret; `null` when none has since the last hold was released. */
  #askedAt: Instant | null = null;
  /** Whether a session was held since the last `reset()`: the next one is then not the `initial` one. */
  #held = false;
  /** Whether the renewal that came due was let go because nothing needed it (reported once). */
  #lapsed = false;
  /** The lifetime of the last session: a caller's ask counts as a need for this long. ChatKit's longest at first. */
  #lifetimeMs = 600_000;
  /** The slowest recent request, halving with each faster one: what the next renewal may take. */
  #slowMs = 0;
  /** When the request in flight was sent, and why, for its events. */
  #sent: { readonly at: Instant; readonly reason: ChatSessionFetchReason } | null = null;
  #stopWakeUps = () => {};
  /** The calls waiting for the next outcome. */
  #waiters: ((outcome: Outcome) => void)[] = [];

  constructor(options: ChatSessionControllerOptions) {
    super();
    this.#options = resolveControllerOptions(options);
    this.#env = createChatSessionEnvironment(options.environment);
    this.#timer = createDeadlineTimer(this.#env, this.#options.timerChunkMs);
    // Each controller has a state object of its own: equal states of two controllers are never the same object.
    this.#state = this.#derive();
    if (options.initialSession) this.#adopt(options.initialSession.session, options.initialSession.expiresAt);
  }

  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    this.#stopWakeUps = listenForWakeUps(this.#env, this.#onWake);
    this.#sync =
      this.#options.shareAcrossTabs?.(this.#options, this.#env, {
        current: () => this.#current,
        adopt: (session, expiresAt, lifetimeMs) => this.#adopt(session, expiresAt, lifetimeMs),
        reset: () => this.#resetHere(),
      }) ?? null;
    this.#evaluate('initial');
    this.#publish();
    // Calls parked by stop() look again: they take the session held or join the request just started.
    this.#settleWaiters({});
  }

  stop(): void {
    this.#started = false;
    this.#stopWakeUps();
    this.#stopWakeUps = () => {};
    this.#sync?.close();
    this.#sync = null;
    this.#timer.clear();
    this.#invalidate();
    this.#publish();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.stop();
    this.#disposed = true;
    this.#settleWaiters({ end: true });
    this.listeners.clear();
  }

  reset(): void {
    this.#sync?.publishReset();
    this.#resetHere();
  }

  #resetHere(): void {
    if (this.#disposed) return;
    this.stop();
    this.#current = null;
    this.#held = false;
    this.#due = null;
    this.#error = null;
    this.#refusal = null;
    this.#attempt = 0;
    this.#settleWaiters({ end: true });
    this.#publish();
  }

  override subscribe(listener: (state: ChatSessionState) => void): () => void {
    return this.#disposed ? () => {} : super.subscribe(listener);
  }

  getState(): ChatSessionState {
    // Read after a sleep or while stopped, no timer has dropped an expired session yet: drop it now, and tell the
    // listeners outside of this read (it may happen during a render).
    if (this.#purgeExpired()) this.#publish(true);
    return this.#state;
  }

  hold(): () => void {
    this.#holds += 1;
    this.#evaluate('demand');
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#holds -= 1;
      if (this.#holds > 0) return;
      // The holder is gone: the calls it made need nothing renewed anymore, and the state says so once the current
      // task is over, not at once: React's StrictMode releases a hold and takes it again in one go, which is no release.
      this.#askedAt = null;
      queueMicrotask(() => this.#holds === 0 && this.#arm());
    };
  }

  prefetch = (): Promise<void> => this.#ask(null, 'prefetch').then(noop, noop);

  getClientSecret = (currentClientSecret: string | null = null): Promise<string> => this.#ask(currentClientSecret);

  /** Answers a caller, fetching with `reason` (else `on-demand`, or `initial` for the first session) if needed. */
  async #ask(currentClientSecret: string | null, reason?: ChatSessionFetchReason): Promise<string> {
    let replacing = currentClientSecret;
    const asked = this.#now();
    // A caller needs the secret for a while; a prefetch is only intent, and keeps nothing renewed.
    if (reason !== 'prefetch') this.#askedAt = asked;
    if (this.#lapsed) this.#evaluate('demand', reason);
    for (;;) {
      if (this.#disposed) throw ended();
      // Checked at the moment of answering: time passes, and a laptop may sleep, while a caller waits.
      const secret = pickClientSecret(this.#current, replacing, this.#now(), 'usable');
      if (secret !== null) return secret;
      if (!this.#inflight) {
        if (this.#decide(true).action !== 'fetch') return this.#fallback(replacing, this.#error);
        this.#renew(this.#attempt > 0 ? 'retry' : (reason ?? (this.#current || this.#held ? 'on-demand' : 'initial')));
      }
      const epoch = this.#epoch;
      const outcome = await this.#nextOutcome();
      // Parked by stop() (a user switch), a call looks again after start(); a prefetch (intent that has passed) or a
      // call older than a session's lifetime (the chat that asked is gone) ends there instead of fetching for nobody.
      const parked = epoch !== this.#epoch && !outcome.session && !outcome.error;
      const outlived = reason === 'prefetch' || getRemainingMs(addMs(asked, this.#lifetimeMs), this.#now()) <= 0;
      if (outcome.end || (parked && outlived)) throw ended();
      if (outcome.error) return this.#fallback(replacing, outcome.error);
      // A backend that hands out the same secret again must not make this a loop.
      if (outcome.session) replacing = null;
    }
  }

  reportRefusal = (error: ChatSessionError | null): void => {
    if (this.#disposed || (!error && !this.#refusal)) return;
    this.#refusal = error;
    if (error) this.#emit('failure', { error, status: error.status ?? null, requestId: error.requestId ?? null });
    this.#publish();
  };

  async refresh(): Promise<ChatSessionCredential> {
    if (this.#error && !this.#error.retryable) this.#error = null;
    this.#refusal = null;
    for (;;) {
      if (this.#disposed) throw ended();
      if (!this.#inflight) this.#renew('manual');
      const { session, error, end } = await this.#nextOutcome();
      if (session) return session;
      if (end) throw ended();
      if (error) throw error;
    }
  }

  readonly #onWake = (event: { readonly type: string }): void => {
    if (!this.#env.isVisible()) return;
    // Back online: a retry waiting out a network failure may go now.
    if (event.type === 'online' && this.#error?.kind === 'network') this.#due = this.#now();
    this.#evaluate('wake');
  };

  #now(): Instant {
    return { wall: this.#env.now(), mono: this.#env.monotonicNow() };
  }

  #decide(caller: boolean): RenewalDecision {
    return decideRenewal(
      {
        current: this.#current,
        due: this.#due,
        error: this.#error,
        inflight: this.#inflight !== null,
        waitingForNetwork: this.#error?.kind === 'network' && !this.#env.isOnline(),
        coordinating: this.#sync?.coordinating === true,
        wanted: this.#wanted(),
      },
      this.#now(),
      caller,
    );
  }

  /** Whether a scheduled renewal may go out: something needs the credential, and the page is visible. */
  #wanted(): boolean {
    return this.#needed() && this.#env.isVisible();
  }

  /** Whether something needs the credential renewed on schedule. */
  #needed(): boolean {
    const asked = this.#askedAt;
    return (
      this.#options.keepWarm ||
      this.#holds > 0 ||
      (asked !== null && getRemainingMs(addMs(asked, this.#lifetimeMs), this.#now()) > 0)
    );
  }

  /** Drops a session that has expired; tells whether it did. */
  #purgeExpired(): boolean {
    if (!this.#current || getRemainingMs(this.#current.expiry, this.#now()) > 0) return false;
    this.#current = null;
    this.#emit('expiry', { remainingMs: 0 });
    return true;
  }

  /** Reports an event to `onEvent`, if given; a listener that throws changes nothing here. */
  #emit(type: ChatSessionEventType, fields: Partial<ChatSessionEvent>): void {
    const listener = this.#options.onEvent;
    if (!listener) return;
    const sent = this.#sent;
    const request = type === 'request' || type === 'renewal' || type === 'failure';
    const { remainingMs = null } = fields;
    try {
      listener({
        type,
        sessionKey: this.#options.sessionKey,
        at: this.#env.now(),
        reason: request ? (sent?.reason ?? null) : null,
        attempt: request ? this.#attempt + 1 : null,
        durationMs: sent && type !== 'request' && request ? Math.round(this.#env.monotonicNow() - sent.at.mono) : null,
        status: null,
        requestId: null,
        error: null,
        ...fields,
        // Whole milliseconds: the clocks read fractions, span attributes and logs want integers.
        remainingMs: remainingMs === null ? null : Math.round(remainingMs),
      });
    } catch {
      // Telemetry must never break the session.
    }
  }

  /** Hands out a still-valid secret after a failure rather than nothing, unless it is the one being replaced. */
  #fallback(currentClientSecret: string | null, error: ChatSessionError | null): string {
    // The secret a caller is replacing was refused (a 401 from ChatKit or the app's server); with no successor to be
    // had until `refresh()`, it must not go on reading as usable.
    if (error && !error.retryable && currentClientSecret !== null && this.#current?.secret === currentClientSecret) {
      this.#current = null;
      this.#publish();
    }
    const secret = pickClientSecret(this.#current, currentClientSecret, this.#now(), 'unexpired');
    if (secret === null) throw error;
    return secret;
  }

  /**
   * Takes a session that did not come from this controller's own request (`initialSession`, another tab) while it has
   * time left. One that fails the checks every fetched session passes is ignored: the controller fetches its own.
   */
  #adopt(value: unknown, expiresAt: number, mintedLifetimeMs = 0): void {
    const now = this.#now();
    const remainingMs = expiresAt - now.wall;
    // Short sessions count too: the usable-secret check scales minValidityMs to each lifetime.
    if (!(remainingMs > 0)) return;
    let session: ChatSessionCredential;
    try {
      session = validateSession(value, this.#options.parseSession);
    } catch {
      return;
    }
    // Another tab's session keeps the lifetime it was minted with, which minValidityMs and the renewal point scale by
    // (it may arrive late, after a sleep); an `initialSession` counts the time it has left as its lifetime.
    const lifetimeMs = Math.max(remainingMs, mintedLifetimeMs);
    const start = addMs(now, remainingMs - lifetimeMs);
    const timing = computeSessionTiming(lifetimeMs, start, this.#options, this.#env.random(), this.#renewalMs());
    this.#emit('adoption', { remainingMs });
    // Not announced: it came from another tab or from the app.
    this.#commit(session, timing, false);
  }

  /** What a renewal may take: the slowest recent request, three times (two retries), and the retries' backoff. */
  #renewalMs(): number {
    return 3 * (this.#slowMs + this.#options.retryBaseDelayMs);
  }

  /** Decides, from the clocks alone, whether to renew now; then arms the timer for the next look. */
  #evaluate(trigger: 'initial' | 'wake' | 'timer' | 'demand', demand: ChatSessionFetchReason = 'on-demand'): void {
    if (!this.#started) return;
    // An expired session leaves the state even while a request is in flight or this tab waits for another.
    if (this.#purgeExpired()) this.#publish();
    if (this.#decide(false).action === 'fetch') {
      const reason: ChatSessionFetchReason =
        this.#attempt > 0
          ? 'retry'
          : !this.#current && !this.#held
            ? 'initial'
            : trigger === 'demand'
              ? demand
              : SCHEDULED[trigger];
      const sync = this.#sync;
      const epoch = this.#epoch;
      // Tabs sharing a session pick one renewer; this tab adopts the winner's session or renews itself, unless it was
      // stopped, reset or disposed meanwhile (a Web Lock may be granted long after it was asked for), or nothing here
      // wants the renewal anymore (the wait may span a sleep, a hidden page, a released hold). A first session and one
      // somebody here just asked for (a hold, a call, a prefetch) go out at once.
      if (sync && reason !== 'initial' && trigger !== 'demand')
        sync.coordinate(
          () => (epoch === this.#epoch && this.#wanted() ? this.#renew(reason) : Promise.resolve()),
          () => epoch === this.#epoch && this.#arm(),
        );
      else this.#renew(reason);
    }
    this.#arm();
  }

  /**
   * Arms the one timer: while started, always, unless a stopping error waits for `refresh()` with nothing to expire.
   * In flight, it watches only the expiry, so an expired secret leaves the state while a renewal hangs.
   */
  #arm(): void {
    this.#timer.clear();
    if (!this.#started) return;
    // A renewal or retry is scheduled but nothing needs it: let it go (the session lapses), and say so once.
    const lapsed = this.#due !== null && !this.#needed();
    if (lapsed !== this.#lapsed) {
      this.#lapsed = lapsed;
      if (lapsed) this.#emit('lapse', { remainingMs: this.#remainingMs() });
      this.#publish();
    }
    const decision = this.#decide(false);
    const expiresInMs = this.#current ? getRemainingMs(this.#current.expiry, this.#now()) : null;
    // Due now, though the look that armed this found it not yet due: time moved between the two readings (a timer
    // fires a fraction of a millisecond early, as browsers truncate delays). Look again at once, not after a chunk.
    const dueMs = decision.action === 'fetch' ? DUE_NOW_MS : decision.action === 'wait' ? decision.waitMs : null;
    const waits = [dueMs, expiresInMs].filter((ms) => ms !== null);
    // Halted on a stopping error or with nothing wanted, only an expiry needs a timer; otherwise one chunk at most,
    // so sleep shows.
    const stopping = this.#error !== null && !this.#error.retryable;
    this.#timer.arm(waits, !stopping && this.#wanted(), () => this.#evaluate('timer'));
  }

  /** Starts one request; its outcome reaches the waiting calls. Never rejects. */
  #renew(reason: ChatSessionFetchReason): Promise<void> {
    if (this.#inflight) return this.#inflight;
    const epoch = this.#epoch;
    const abort = new AbortController();
    const start = this.#now();
    this.#abort = abort;
    this.#sent = { at: start, reason };
    this.#emit('request', {});
    const inflight = requestSession({
      options: this.#options,
      environment: this.#env,
      reason,
      currentSession: this.#current?.session ?? null,
      abort,
      start,
    }).then(
      ({ session, lifetimeMs, requestId, status }) => {
        if (epoch !== this.#epoch) return;
        this.#observe(start);
        // Checked when it lands, not when the server sent it: the machine may have slept in between.
        const timing = computeSessionTiming(lifetimeMs, start, this.#options, this.#env.random(), this.#renewalMs());
        const leftMs = getRemainingMs(timing.expiry, this.#now());
        if (leftMs >= timing.minValidityMs) {
          this.#emit('renewal', { remainingMs: leftMs, requestId, status });
          this.#settle();
          return this.#commit(session, timing, true);
        }
        const error = new ChatSessionError(
          'timeout',
          `The session arrived with too little time left (${Math.round(leftMs / 1000)} s).`,
          { requestId: requestId ?? undefined },
        );
        this.#emit('failure', { remainingMs: leftMs, requestId, status, error });
        this.#settle();
        this.#discards += 1;
        // Too late to use, it still tells how long sessions live: a call counts as need for that long, not 600 s.
        this.#lifetimeMs = timing.lifetimeMs;
        // Fetched again at once only for a caller waiting, or a schedule that may send (needed, page visible).
        const wanted = this.#waiters.length > 0 || this.#wanted();
        if (this.#discards <= MAX_DISCARDS && wanted) return void this.#renew(reason);
        this.#fail(error);
      },
      (thrown: unknown) => {
        if (epoch !== this.#epoch) return;
        this.#observe(start);
        const error = toChatSessionError(thrown);
        const { status = null, requestId = null } = error;
        this.#emit('failure', { error, status, requestId, remainingMs: this.#remainingMs() });
        this.#settle();
        this.#fail(error);
      },
    );
    this.#inflight = inflight;
    // Sent after a sleep (a discarded arrival's successor), the session held may have expired meanwhile.
    this.#purgeExpired();
    this.#publish();
    this.#arm();
    return inflight;
  }

  /** Notes how long a request took: the slowest recent one decides how early the next renewal goes. */
  #observe(start: Instant): void {
    this.#slowMs = Math.max(this.#env.monotonicNow() - start.mono, this.#slowMs / 2);
  }

  #remainingMs(): number | null {
    return this.#current && getRemainingMs(this.#current.expiry, this.#now());
  }

  #commit(session: ChatSessionCredential, timing: SessionTiming, announce: boolean): void {
    this.#discards = 0;
    this.#lapsed = false;
    this.#held = true;
    this.#current = {
      session,
      secret: getCredentialSecret(session),
      expiry: timing.expiry,
      minValidityMs: timing.minValidityMs,
    };
    this.#lifetimeMs = timing.lifetimeMs;
    this.#due = timing.refreshDue;
    this.#error = null;
    this.#attempt = 0;
    this.#publish();
    this.#arm();
    if (announce) this.#sync?.publishSession(session, timing.expiry.wall, timing.lifetimeMs);
    this.#settleWaiters({ session });
  }

  #fail(error: ChatSessionError): void {
    this.#discards = 0;
    this.#error = error;
    this.#attempt += 1;
    this.#purgeExpired();
    const delay = computeRetryDelay(this.#attempt, error.retryAfterMs, this.#options, this.#env.random());
    this.#due = error.retryable ? addMs(this.#now(), delay) : null;
    this.#publish();
    this.#arm();
    this.#settleWaiters({ error });
  }

  #settle(): void {
    this.#inflight = null;
    this.#abort = null;
    this.#sent = null;
  }

  #nextOutcome(): Promise<Outcome> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #settleWaiters(outcome: Outcome): void {
    for (const resolve of this.#waiters.splice(0)) resolve(outcome);
  }

  /** Aborts the request in flight and makes any result of it land nowhere. */
  #invalidate(): void {
    this.#epoch += 1;
    this.#discards = 0;
    if (this.#sent) this.#emit('failure', { error: ended(), remainingMs: this.#remainingMs() });
    this.#abort?.abort(ended());
    this.#settle();
  }

  #derive(): ChatSessionState {
    return deriveChatSessionState({
      current: this.#current,
      inflight: this.#inflight !== null,
      // A stopped controller runs no timer, one that lets its session lapse renews nothing, and one with a request out
      // has nothing scheduled until it lands: no renewal time.
      due: this.#started && !this.#lapsed && !this.#inflight ? this.#due : null,
      error: this.#error,
      attempt: this.#attempt,
      refusal: this.#refusal,
    });
  }

  #publish(later = false): void {
    const next = this.#derive();
    if (isSameChatSessionState(this.#state, next)) return;
    this.#state = next;
    if (!later) this.notify(next);
    else queueMicrotask(() => this.#state === next && this.notify(next));
  }
}

// Reset and dispose end the waits of every caller; one message covers both (and a request aborted by stop()).
const ended = () => disposedError('The session controller was stopped, reset or disposed.');

const SCHEDULED = { initial: 'scheduled', wake: 'wake', timer: 'scheduled' } as const;

const noop = () => {};

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
  return new SessionController(
    options as unknown as ChatSessionControllerOptions,
  ) as unknown as ChatSessionController<TSession>;
}
