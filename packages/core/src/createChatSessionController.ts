import type { ChatSessionController } from './ChatSessionController.js';
import {
  type ChatSessionControllerOptions,
  type ChatSessionFetchReason,
  type ResolvedChatSessionControllerOptions,
  resolveControllerOptions,
} from './ChatSessionControllerOptions.js';
import {
  type ChatSessionEnvironment,
  createChatSessionEnvironment,
  listenForWakeUps,
} from './ChatSessionEnvironment.js';
import { type ChatSessionError, disposedError, toChatSessionError } from './ChatSessionError.js';
import type { ChatSessionResource } from './ChatSessionResourceSchema.js';
import {
  type ChatSessionState,
  type CurrentSession,
  deriveChatSessionState,
  IDLE_CHAT_SESSION_STATE,
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
import { pickClientSecret } from './pickClientSecret.js';
import { validateSession } from './readSessionResult.js';
import { requestSession } from './requestSession.js';
import { Subscribable } from './Subscribable.js';

class SessionController extends Subscribable<(state: ChatSessionState) => void> implements ChatSessionController {
  readonly #options: ResolvedChatSessionControllerOptions;
  readonly #env: ChatSessionEnvironment;
  #state: ChatSessionState = IDLE_CHAT_SESSION_STATE;
  #current: CurrentSession | null = null;
  /** When the next renewal or retry is due; `null` when none is scheduled. */
  #due: Instant | null = null;
  #inflight: Promise<ChatSessionResource> | null = null;
  #abort: AbortController | null = null;
  #generation = 0;
  readonly #timer: DeadlineTimer;
  #started = false;
  #disposed = false;
  #error: ChatSessionError | null = null;
  #attempt = 0;
  #sync: TabSync | null = null;
  #stopWakeUps = () => {};

  constructor(options: ChatSessionControllerOptions) {
    super();
    this.#options = resolveControllerOptions(options);
    this.#env = createChatSessionEnvironment(options.environment);
    this.#timer = createDeadlineTimer(this.#env, this.#options.timerChunkMs);
    if (options.initialSession) this.#adopt(options.initialSession.session, options.initialSession.expiresAt);
  }

  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    this.#stopWakeUps = listenForWakeUps(this.#env, this.#onWake);
    this.#sync =
      this.#options.shareAcrossTabs?.(this.#options, this.#env, {
        current: () => this.#current,
        adopt: (session, expiresAt) => this.#adopt(session, expiresAt),
        reset: () => this.#resetHere(),
      }) ?? null;
    this.#evaluate('initial');
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#stopWakeUps();
    this.#sync?.close();
    this.#sync = null;
    this.#timer.clear();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.stop();
    this.#disposed = true;
    this.#invalidate('The session controller was disposed.');
    this.listeners.clear();
  }

  reset(): void {
    this.#sync?.publishReset();
    this.#resetHere();
  }

  #resetHere(): void {
    if (this.#disposed) return;
    this.stop();
    this.#invalidate('The session was reset.');
    this.#current = null;
    this.#due = null;
    this.#error = null;
    this.#attempt = 0;
    this.#publish();
  }

  override subscribe(listener: (state: ChatSessionState) => void): () => void {
    return this.#disposed ? () => {} : super.subscribe(listener);
  }

  getState(): ChatSessionState {
    return this.#state;
  }

  getClientSecret = async (currentClientSecret: string | null = null): Promise<string> => {
    if (this.#disposed) throw disposedError('The session controller was disposed.');
    const fresh = pickClientSecret(this.#current, currentClientSecret, this.#now(), 'usable');
    if (fresh !== null) return fresh;
    // A stopping error, or a retry that is waiting out its backoff, must not turn every caller into a request.
    const waiting = this.#error && (!this.#error.retryable || (this.#due && this.#remaining(this.#due) > 0));
    if (!this.#inflight && waiting) return this.#fallback(currentClientSecret, this.#error);
    try {
      return (await this.#renew(this.#current ? 'on-demand' : 'initial')).client_secret;
    } catch (error) {
      return this.#fallback(currentClientSecret, error);
    }
  };

  refresh(): Promise<ChatSessionResource> {
    if (this.#disposed) return Promise.reject(disposedError('The session controller was disposed.'));
    if (this.#error && !this.#error.retryable) this.#error = null;
    return this.#renew('manual');
  }

  readonly #onWake = (event: { readonly type: string }): void => {
    if (!this.#env.isVisible()) return;
    // Back online: a retry waiting out a network failure may go now.
    if (event.type === 'online' && this.#error?.kind === 'network') this.#due = this.#now();
    this.#evaluate('wake');
  };

  #waitingForNetwork(): boolean {
    return this.#error?.kind === 'network' && !this.#env.isOnline();
  }

  #now(): Instant {
    return { wall: this.#env.now(), mono: this.#env.monotonicNow() };
  }

  #remaining(instant: Instant): number {
    return getRemainingMs(instant, this.#now());
  }

  /** Hands out a still-valid secret after a failure rather than nothing, unless it is the one being replaced. */
  #fallback(currentClientSecret: string | null, error: unknown): string {
    const secret = pickClientSecret(this.#current, currentClientSecret, this.#now(), 'unexpired');
    if (secret === null) throw error;
    return secret;
  }

  /**
   * Takes a session that did not come from this controller's own request (`initialSession`, another tab) while it has
   * time left. One that fails the checks every fetched session passes is ignored: the controller fetches its own.
   */
  #adopt(value: unknown, expiresAt: number): void {
    const start = this.#now();
    const lifetimeMs = expiresAt - start.wall;
    // Short sessions count too: the usable-secret check scales minValidityMs to each lifetime.
    if (!(lifetimeMs > 0)) return;
    let session: ChatSessionResource;
    try {
      session = validateSession(value, this.#options.parseSession);
    } catch {
      return;
    }
    this.#commit(session, computeSessionTiming(lifetimeMs, start, this.#options, this.#env.random()));
  }

  #commit(session: ChatSessionResource, timing: SessionTiming): void {
    this.#current = { session, expiry: timing.expiry, minValidityMs: timing.minValidityMs };
    this.#due = timing.refreshDue;
    this.#error = null;
    this.#attempt = 0;
    this.#publish();
    this.#arm();
  }

  /** Decides, from the clocks alone, whether to renew now or when to look again. */
  #evaluate(trigger: 'initial' | 'wake' | 'timer'): void {
    if (!this.#started || this.#inflight) return;
    // An expired session leaves the state even while this tab waits for another or for an explicit refresh().
    if (this.#current && this.#remaining(this.#current.expiry) <= 0) {
      this.#current = null;
      this.#publish();
    }
    const waiting = this.#sync?.coordinating || (this.#error !== null && !this.#error.retryable);
    const due = this.#due ? this.#remaining(this.#due) <= 0 : !this.#current;
    // `navigator.onLine` says false on some networks that work (TanStack Query learned this too), so a due renewal
    // always goes out; only retries after a network error wait for the `online` wake-up (or the next chunk).
    if (waiting || !due || this.#waitingForNetwork()) {
      this.#arm();
      return;
    }
    const reason: ChatSessionFetchReason =
      this.#attempt > 0 ? 'retry' : !this.#current && trigger === 'initial' ? 'initial' : SCHEDULED[trigger];
    // Tabs sharing a session pick one renewer; this tab adopts the winner's session or renews itself.
    if (this.#sync && reason !== 'initial')
      this.#sync.coordinate(
        () => this.#renew(reason),
        () => this.#arm(),
      );
    else this.#renew(reason).catch(() => {}); // Reported through the state; the timer retries.
  }

  #arm(): void {
    this.#timer.clear();
    if (!this.#started || this.#disposed) return;
    const waits = [this.#due, this.#current?.expiry].map((instant) => (instant ? this.#remaining(instant) : 0));
    // With a renewal due but waiting (for the network, or for another tab), poll in chunks rather than sleep for good.
    const poll = this.#waitingForNetwork() || this.#sync?.coordinating === true;
    this.#timer.arm(waits, poll, () => this.#evaluate('timer'));
  }

  /** Starts one request, or joins the one in flight. */
  #renew(reason: ChatSessionFetchReason): Promise<ChatSessionResource> {
    if (this.#inflight) return this.#inflight;
    const generation = this.#generation;
    const abort = new AbortController();
    const start = this.#now();
    this.#abort = abort;
    this.#timer.clear();
    const inflight = requestSession({
      options: this.#options,
      environment: this.#env,
      reason,
      currentSession: this.#current?.session ?? null,
      abort,
      start,
    }).then(
      ({ session, timing }) => {
        if (generation !== this.#generation) throw disposedError('The result arrived after a reset.');
        this.#settle();
        this.#commit(session, timing);
        this.#sync?.publishSession(session, timing.expiry.wall);
        return session;
      },
      (thrown: unknown) => {
        if (generation !== this.#generation) throw disposedError('The result arrived after a reset.');
        this.#settle();
        this.#recordFailure(toChatSessionError(thrown));
        throw this.#error;
      },
    );
    this.#inflight = inflight;
    this.#publish();
    return inflight;
  }

  #settle(): void {
    this.#inflight = null;
    this.#abort = null;
  }

  #recordFailure(error: ChatSessionError): void {
    this.#error = error;
    this.#attempt += 1;
    if (this.#current && this.#remaining(this.#current.expiry) <= 0) this.#current = null;
    const delay = computeRetryDelay(this.#attempt, error.retryAfterMs, this.#options, this.#env.random());
    this.#due = error.retryable ? addMs(this.#now(), delay) : null;
    this.#publish();
    this.#arm();
  }

  /** Aborts the request in flight and makes any result of it land nowhere. */
  #invalidate(message: string): void {
    this.#generation += 1;
    this.#abort?.abort(disposedError(message));
    this.#settle();
  }

  #publish(): void {
    const next = deriveChatSessionState({
      current: this.#current,
      inflight: this.#inflight !== null,
      due: this.#due,
      error: this.#error,
      attempt: this.#attempt,
    });
    if (isSameChatSessionState(this.#state, next)) return;
    this.#state = next;
    this.notify(next);
  }
}

const SCHEDULED = { initial: 'scheduled', wake: 'wake', timer: 'scheduled' } as const;

/**
 * Creates a session controller that keeps one ChatKit session fresh: it renews before `expires_at` (measured on the
 * server's clock), retries transient failures with backoff while the current secret stays in use, and hands
 * ChatKit a valid secret through `getClientSecret`. Nothing starts until `start()` or `getClientSecret()`.
 *
 * @param options `fetchSession` and, optionally, the renewal policy and environment.
 * @returns The controller.
 * @example
 * const controller = createChatSessionController({
 *   fetchSession: ({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal }),
 * });
 * controller.start();
 * chatkitElement.setOptions({ api: { getClientSecret: controller.getClientSecret } });
 */
export function createChatSessionController(options: ChatSessionControllerOptions): ChatSessionController {
  return new SessionController(options);
}
