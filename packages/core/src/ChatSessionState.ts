import type { ChatSessionCredential, ChatSessionCredentialFields } from './ChatSessionCredential.js';
import type { ChatSessionError } from './ChatSessionError.js';
import type { Instant } from './computeSessionTiming.js';

/**
 * Where a controller stands:
 * - `idle`: no session and nothing in flight (before `start()`, after `reset()`);
 * - `loading`: no usable session, one is being fetched;
 * - `active`: a usable session (a retry may be pending: see `error`);
 * - `refreshing`: a usable session, and its successor is being fetched;
 * - `error`: no usable session, and the last attempt failed (`error` says whether a retry is scheduled).
 */
export type ChatSessionControllerStatus = 'idle' | 'loading' | 'active' | 'refreshing' | 'error';

/**
 * A snapshot of a session controller; a new object only when something in it changed. `TSession` is what the
 * controller checked (`ChatSessionCredential`), or what its `parseSession` returns.
 */
export interface ChatSessionState<TSession extends ChatSessionCredentialFields = ChatSessionCredential> {
  readonly status: ChatSessionControllerStatus;
  /** The usable session, or `null`. */
  readonly session: TSession | null;
  /** The usable session's secret, or `null`. */
  readonly clientSecret: string | null;
  /** When the session expires, on the local wall clock (epoch milliseconds), or `null`. */
  readonly expiresAt: number | null;
  /** When the next renewal or retry is due, on the local wall clock, or `null` when none is scheduled. */
  readonly refreshAt: number | null;
  /** The last failure, cleared by the next success. */
  readonly error: ChatSessionError | null;
  /** How many attempts have failed in a row. */
  readonly attempt: number;
}

/**
 * Tells whether two states show the same thing to a user.
 *
 * @param a One state.
 * @param b The other.
 * @returns Whether every field is the same.
 */
export function isSameChatSessionState<T extends ChatSessionCredentialFields>(
  a: ChatSessionState<T>,
  b: ChatSessionState<T>,
): boolean {
  return (Object.keys(a) as (keyof ChatSessionState)[]).every((key) => Object.is(a[key], b[key]));
}

/** The session a controller holds, with its deadlines on both local clocks. */
export interface CurrentSession<TSession extends ChatSessionCredentialFields = ChatSessionCredential> {
  readonly session: TSession;
  /** Its secret (`client_secret` or `value`). */
  readonly secret: string;
  readonly expiry: Instant;
  /** The validity a secret must have left to be handed out, scaled to this session's lifetime. */
  readonly minValidityMs: number;
}

/** What a controller knows, from which its state is derived. */
export interface ChatSessionFacts<TSession extends ChatSessionCredentialFields> {
  readonly current: CurrentSession<TSession> | null;
  readonly inflight: boolean;
  readonly due: Instant | null;
  readonly error: ChatSessionError | null;
  readonly attempt: number;
  /** The app's ChatKit server refused the secret just renewed (`createChatKitFetch`): the state reads as an error. */
  readonly refusal?: ChatSessionError | null;
}

/**
 * Derives the state users see from what a controller knows.
 *
 * @param facts The controller's session, request, schedule and last failure.
 * @returns A new state object.
 */
export function deriveChatSessionState<TSession extends ChatSessionCredentialFields>({
  current,
  inflight,
  due,
  error: failure,
  attempt,
  refusal = null,
}: ChatSessionFacts<TSession>): ChatSessionState<TSession> {
  const usable = current !== null;
  const error = failure ?? refusal;
  return {
    status: inflight ? (usable ? 'refreshing' : 'loading') : usable && !refusal ? 'active' : error ? 'error' : 'idle',
    session: current?.session ?? null,
    clientSecret: current?.secret ?? null,
    expiresAt: current?.expiry.wall ?? null,
    refreshAt: due?.wall ?? null,
    error,
    attempt,
  };
}
