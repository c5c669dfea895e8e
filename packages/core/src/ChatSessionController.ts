import type { ChatSessionResource } from './ChatSessionResourceSchema.js';
import type { ChatSessionState } from './ChatSessionState.js';

/** A session controller: keeps one ChatKit session fresh and hands out its secret. */
export interface ChatSessionController {
  /** Fetches the first session if needed, arms the renewal timer and listens for wake-ups. Idempotent. */
  start(): void;
  /** Disarms the timer and stops listening; keeps the session and lets an in-flight request land. Idempotent. */
  stop(): void;
  /** Stops, aborts the in-flight request, drops late results and forgets subscribers. Final. */
  dispose(): void;
  /** Calls `listener` with each new state; returns the function that unsubscribes. */
  subscribe(listener: (state: ChatSessionState) => void): () => void;
  /** Returns the current state; the same object until something in it changes. */
  getState(): ChatSessionState;
  /**
   * Resolves to a secret with at least `minValidityMs` left, fetching one if needed: ChatKit's `api.getClientSecret`.
   * Given the secret in use (ChatKit asking for a new one), it never resolves to that secret again.
   */
  getClientSecret(currentClientSecret?: string | null): Promise<string>;
  /** Fetches a new session now (joining one in flight) and clears a stopping error. */
  refresh(): Promise<ChatSessionResource>;
  /** Forgets the session and any error (a sign-out): drops in-flight results and stops until `start()`. */
  reset(): void;
}
