import type { ChatSessionCredential, ChatSessionCredentialFields } from './ChatSessionCredential.js';
import type { ChatSessionEnvironment } from './ChatSessionEnvironment.js';
import type { ChatSessionFetchReason } from './ChatSessionFetchReason.js';
import type { ChatSessionTelemetry } from './ChatSessionTransition.js';
import type { TabSyncFactory } from './createTabSync.js';

/** What `fetchSession` is given. */
export interface FetchSessionContext<TSession extends ChatSessionCredentialFields = ChatSessionCredential> {
  /** Aborted on timeout, `reset()` and `dispose()`; pass it to `fetch`. */
  readonly signal: AbortSignal;
  /** Why a session is needed; worth sending to your backend for its logs. */
  readonly reason: ChatSessionFetchReason;
  /** The session being replaced, if any. */
  readonly currentSession: TSession | null;
}

/** A session known before the controller starts, for example from a server render or a cache. */
export interface InitialChatSession<TSession extends ChatSessionCredentialFields = ChatSessionCredential> {
  readonly session: TSession;
  /** When it expires on the local wall clock, in epoch milliseconds, as `ChatSessionState.expiresAt` reports it. */
  readonly expiresAt: number;
}

/**
 * The options of `createChatSessionController`. Only `fetchSession` is required. `TSession` is what `parseSession`
 * returns; without one, what the controller checked (`ChatSessionCredential`).
 */
export interface ChatSessionControllerOptions<TSession extends ChatSessionCredentialFields = ChatSessionCredential> {
  /**
   * Asks your backend for a new session. Return the fetch `Response` (its status, `Date`, `Retry-After` and
   * `x-request-id` are read for you; the `Date` header makes a wrong client clock harmless) or the session JSON.
   *
   * @example
   * fetchSession: ({ signal, reason }) =>
   *   fetch('/api/chatkit/session', { method: 'POST', signal, body: JSON.stringify({ reason }) })
   */
  fetchSession: (context: FetchSessionContext<TSession>) => Promise<unknown>;
  /**
   * Fetches on `start()` and renews on schedule until `stop()` whether or not anything needs the credential. Defaults
   * to `false`: requests go out only while something needs one (a `hold()`, such as a mounted ChatKit; or a
   * `getClientSecret` call within the session's lifetime); otherwise nothing is fetched, or the session lapses, and the
   * next call fetches.
   */
  keepWarm?: boolean;
  /**
   * A fixed fraction of a session's lifetime after which it is renewed, drawn at random between the two bounds.
   * Defaults to none: renewal comes as late as is safe, `minValidityMs` before expiry less the time a renewal needs
   * (the slowest recent request, retried twice with backoff), spread over 5 % of the lifetime so that tabs do not
   * renew together.
   */
  refreshWindow?: readonly [number, number] | undefined;
  /**
   * The validity a secret must have left for `getClientSecret` to hand it out; with less, a new session is fetched
   * first. Scaled down to a quarter of the lifetime for short sessions. Defaults to `60_000`: ChatKit asks for a new
   * secret shortly before the one it holds expires, and the renewal should have landed by then.
   */
  minValidityMs?: number;
  /** The shortest time between two scheduled renewals, so very short sessions cannot loop. Defaults to `5_000`. */
  minRefreshIntervalMs?: number;
  /** How long one session request may take before it is aborted and retried. Defaults to `15_000`. */
  requestTimeoutMs?: number;
  /** The ceiling of the first retry's random delay after a transient failure. Defaults to `1_000`. */
  retryBaseDelayMs?: number;
  /** The largest ceiling of a retry's random delay (the backoff doubles up to it). Defaults to `60_000`. */
  retryMaxDelayMs?: number;
  /**
   * The longest a single timer is armed; longer waits are re-armed in steps so that sleep and throttling are
   * noticed. Defaults to `30_000`.
   */
  timerChunkMs?: number;
  /**
   * Validates the JSON that `fetchSession` returned (and sessions announced by other tabs) before use, and gives
   * `state.session` its type; pass `parseChatSession` to check every field of a ChatKit session against the Valibot
   * schemas in the browser too (about 3 KB gzip more; `createChatSessionHandler` of the server package has already
   * applied them). Whatever is given, the controller itself always checks the fields it and ChatKit rely on: the
   * secret (`client_secret`, or `value` for OpenAI Realtime client secrets), `expires_at` (Unix seconds) and `status`
   * when present. Defaults to none: `state.session` is a `ChatSessionCredential`, its other fields passed through as
   * your backend sent them.
   */
  parseSession?: ((value: unknown) => TSession) | undefined;
  /**
   * Shares one session across the tabs of this origin that use the same `sessionKey`: pass `createTabSync` from
   * `@chatkit-session/core` (apps that do not share tabs then do not ship it). A tab that renews tells the others
   * (`BroadcastChannel`), tabs due together pick one renewer (random delay, an advisory Web Lock taken only if free),
   * and a `reset()` signs every tab out. No tab ever waits on another for correctness: without news in time it renews
   * on its own. Trade-off: ChatKit's rate limit is per session, so tabs sharing one share its requests per minute.
   * Falls back to one session per tab where `BroadcastChannel` is missing. Defaults to none (one session per tab).
   *
   * @example
   * import { createTabSync } from '@chatkit-session/core';
   * createChatSessionController({ fetchSession, shareAcrossTabs: createTabSync });
   */
  shareAcrossTabs?: TabSyncFactory | undefined;
  /** Who the session belongs to; tabs share only sessions of the same key. Defaults to `null`. */
  sessionKey?: string | null;
  /**
   * A session to start with (from a server render or a cache), used without a request while it has time left: that
   * time counts as its lifetime for the renewal point and `minValidityMs`. One that fails the session checks is
   * ignored and a session fetched instead. Defaults to none.
   */
  initialSession?: InitialChatSession<TSession> | undefined;
  /**
   * Observes each request, renewal, failure, adoption, lapse and expiry, for logs and tracing: pass
   * `reportEvents(listener)` (from `@chatkit-session/core`, or `@chatkit-session/react`) to get each as a
   * `ChatSessionEvent` (apps that report nothing then do not ship it; see the README for OpenTelemetry spans); a
   * function of your own is told the raw `ChatSessionTransition`s. One that throws is ignored, silently. Replaces
   * `onEvent`, which now throws a `TypeError`. Defaults to none.
   *
   * @example
   * import { reportEvents } from '@chatkit-session/core';
   * createChatSessionController({ fetchSession, telemetry: reportEvents((event) => console.info(event.type)) });
   */
  telemetry?: ChatSessionTelemetry | undefined;
  /** Clocks, timers and browser signals; replace parts of it in tests. Defaults to the current host's. */
  environment?: Partial<ChatSessionEnvironment>;
}

/** The options with every default filled in. */
export type ResolvedChatSessionControllerOptions = Required<
  Omit<
    ChatSessionControllerOptions,
    'initialSession' | 'environment' | 'sessionKey' | 'shareAcrossTabs' | 'parseSession' | 'refreshWindow' | 'telemetry'
  >
> & {
  readonly refreshWindow: readonly [number, number] | null;
  readonly telemetry: ChatSessionTelemetry | null;
  readonly sessionKey: string | null;
  readonly shareAcrossTabs: TabSyncFactory | null;
  readonly parseSession: ((value: unknown) => ChatSessionCredential) | null;
};

/**
 * Throws the `TypeError` that `createChatSessionController` throws for options of the wrong type, named after `who`:
 * for adapters that pass the controller wrappers of their own (`ChatSessionProvider` checks its props at each render,
 * as a prop may change after the controller was made).
 *
 * @param options The options given.
 * @param who Who was given them, to name in the message. Defaults to `'createChatSessionController'`.
 * @throws {TypeError} Naming the option and what it takes.
 */
export function assertChatSessionOptions(options: ChatSessionControllerOptions, who = 'createChatSessionController') {
  const { fetchSession, shareAcrossTabs, keepWarm, telemetry, onEvent } = (options ??
    {}) as ChatSessionControllerOptions & {
    onEvent?: unknown;
  };
  // Read only as booleans and calls, a wrong type would otherwise be ignored in silence; `onEvent`, renamed, too.
  const wrong =
    typeof fetchSession !== 'function'
      ? '`fetchSession` must be a function'
      : shareAcrossTabs && typeof shareAcrossTabs !== 'function'
        ? '`shareAcrossTabs` takes `createTabSync` (a function)'
        : keepWarm !== undefined && typeof keepWarm !== 'boolean'
          ? '`keepWarm` must be true or false'
          : telemetry != null && typeof telemetry !== 'function'
            ? '`telemetry` takes `reportEvents(listener)` (a function)'
            : onEvent !== undefined && '`onEvent` is now `telemetry: reportEvents(onEvent)`';
  if (wrong) throw new TypeError(`${who}: ${wrong}.`);
}

/**
 * Fills in the defaults of the controller's options.
 *
 * @param options The options given.
 * @returns The options with defaults.
 */
export function resolveControllerOptions(options: ChatSessionControllerOptions): ResolvedChatSessionControllerOptions {
  assertChatSessionOptions(options);
  const { shareAcrossTabs, keepWarm, telemetry } = options;
  return {
    fetchSession: options.fetchSession,
    keepWarm: keepWarm === true,
    refreshWindow: options.refreshWindow ?? null,
    minValidityMs: options.minValidityMs ?? 60_000,
    minRefreshIntervalMs: options.minRefreshIntervalMs ?? 5_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 1_000,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 60_000,
    timerChunkMs: options.timerChunkMs ?? 30_000,
    parseSession: options.parseSession ?? null,
    shareAcrossTabs: shareAcrossTabs || null,
    sessionKey: options.sessionKey ?? null,
    telemetry: telemetry ?? null,
  };
}
