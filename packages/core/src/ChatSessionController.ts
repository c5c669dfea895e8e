import type { ChatSessionCredential, ChatSessionCredentialFields } from './ChatSessionCredential.js';
import type { ChatSessionError } from './ChatSessionError.js';
import type { ChatSessionState } from './ChatSessionState.js';

/**
 * A session controller: keeps one short-lived credential fresh and hands out its secret. `TSession` is what the
 * controller checked (`ChatSessionCredential`), or what its `parseSession` returns.
 */
export interface ChatSessionController<TSession extends ChatSessionCredentialFields = ChatSessionCredential> {
  /**
   * Resumes from the clocks: if something needs the credential (`hold()`, a recent call, `keepWarm`), fetches at once
   * when no usable session is held or a renewal is due, else arms the timer; listens for wake-ups. Calls to
   * `getClientSecret` parked by `stop()` go on, except those asked more than a session's lifetime ago and prefetches,
   * which end (`disposed`) rather than fetch for a chat that is gone. Idempotent; may follow `stop()`.
   */
  start(): void;
  /**
   * Pauses: aborts the request in flight (nothing of it is committed), clears every timer and stops listening. Keeps
   * the session (an expired one still leaves the state when read); calls waiting on the aborted request wait for the
   * next `start()`. Idempotent; `start()` may follow.
   */
  stop(): void;
  /** Stops, rejects waiting calls (`disposed`) and forgets subscribers. Final. */
  dispose(): void;
  /** Calls `listener` with each new state; returns the function that unsubscribes. */
  subscribe(listener: (state: ChatSessionState<TSession>) => void): () => void;
  /** Returns the current state; the same object until something in it changes. */
  getState(): ChatSessionState<TSession>;
  /**
   * Resolves to a secret with at least `minValidityMs` left at the moment it resolves, fetching one if needed (a
   * session that lands nearly expired, say after the machine slept, is fetched again): ChatKit's
   * `api.getClientSecret`. Given the secret in use (ChatKit asking for a new one), it never resolves to that secret
   * again. After a failed renewal it falls back on a secret that is still unexpired, if one is held.
   */
  getClientSecret(currentClientSecret?: string | null): Promise<string>;
  /**
   * Tells the controller that something needs the credential kept fresh (a mounted ChatKit, a status on screen) until
   * the returned function is called (idempotent). Without `keepWarm`, renewals go out only while something holds the
   * controller or a `getClientSecret` call came within the session's lifetime; the last release forgets those calls.
   */
  hold(): () => void;
  /**
   * Gets a usable secret ready before it is asked for, such as when the control that opens the chat is hovered or
   * focused: fetches one unless one is held or on its way. Resolves once there is one or the attempt failed; never
   * rejects. Works while stopped or hidden.
   */
  prefetch(): Promise<void>;
  /** Fetches a new session now (joining one in flight) and clears a stopping error and a refusal. */
  refresh(): Promise<TSession>;
  /**
   * Tells the controller that the app's ChatKit server refused a secret just renewed for it (`error`, of kind
   * `refused`), or accepted one since (`null`), as `createChatKitFetch` does: while refused, the state's `status` is
   * `error` with that `error` (the secret stays in it), and a `failure` event reports it once.
   */
  reportRefusal(error: ChatSessionError | null): void;
  /**
   * Forgets the session and any error (a sign-out): aborts the request in flight, rejects waiting calls (`disposed`),
   * and stops until `start()`; with tab sharing, every tab does.
   */
  reset(): void;
}
