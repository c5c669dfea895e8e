import type {
  ChatSessionController,
  ChatSessionCredential,
  ChatSessionCredentialFields,
  ChatSessionState,
} from '@chatkit-session/core';

/**
 * What `useChatSession()` returns: the session's state and what you can do with it. `TSession` is the type of
 * `session`: what the controller checked (`ChatSessionCredential`), unless you name what your `parseSession` returns.
 */
export interface UseChatSessionResult<TSession extends ChatSessionCredentialFields = ChatSessionCredential>
  extends ChatSessionState<TSession> {
  /** Whether a renewal is in flight while the current session stays usable. */
  readonly isRefreshing: boolean;
  /** Fetches a new session now; never rejects (a failure lands in `error`). */
  readonly refresh: () => Promise<void>;
  /**
   * Forgets the session, as on sign-out (in every tab when sharing). The provider then renews nothing until its
   * `sessionKey` changes or it remounts; `refresh()` and `getClientSecret()` still fetch on demand.
   */
  readonly reset: () => void;
  /** ChatKit's `api.getClientSecret`: one identity for the provider's life, answering for the current `sessionKey`. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
}
