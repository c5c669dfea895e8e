import type { CurrentSession } from './ChatSessionState.js';

/**
 * What a controller offers a plug-in that changes its session from outside, as `shareAcrossTabs: createTabSync` does:
 * the session held, and the two transitions another party may cause. (Plug-ins that only observe, such as
 * `telemetry: reportEvents(listener)`, are told of transitions instead.) An app that imports no plug-in ships none.
 */
export interface ChatSessionPort {
  /** The session the controller holds now. */
  current(): CurrentSession | null;
  /**
   * Takes a session from elsewhere (another tab), known to expire later than the current one, if it passes the session
   * checks; `lifetimeMs` is the lifetime it was minted with, when known.
   */
  adopt(session: unknown, expiresAt: number, lifetimeMs?: number): void;
  /** Forgets the session (another tab signed out), without telling the other tabs again. */
  reset(): void;
}
