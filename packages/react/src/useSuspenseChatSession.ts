'use client';
import type { ChatSessionController, ChatSessionResource, ChatSessionState } from '@chatkit-session/core';
import { type UseChatSessionResult, useChatSession } from './useChatSession.js';
import { useChatSessionContext } from './useChatSessionContext.js';

/** What `useSuspenseChatSession()` returns: like `useChatSession()`, with a session always present. */
export interface UseSuspenseChatSessionResult extends UseChatSessionResult {
  readonly session: ChatSessionResource;
  readonly clientSecret: string;
  readonly expiresAt: number;
}

// Per controller, not per state alone: every controller starts in the same frozen idle state, and rethrowing another
// controller's settled promise makes React retry at once, in a loop.
const pending = new WeakMap<ChatSessionController, { state: ChatSessionState; promise: Promise<void> }>();

/**
 * Returns the session like `useChatSession()`, suspending until there is a usable one, and throwing a stopping error
 * (401, 404, invalid response) to the nearest error boundary. Put the `<Suspense>` boundary inside the
 * `ChatSessionProvider`: a provider that suspends before it mounts never starts its controller.
 *
 * @returns The session's state with a session present.
 * @example
 * <Suspense fallback={<Spinner />}>
 *   <Chat />
 * </Suspense>
 * // inside Chat:
 * const { clientSecret } = useSuspenseChatSession();
 */
export function useSuspenseChatSession(): UseSuspenseChatSessionResult {
  const { controller } = useChatSessionContext('useSuspenseChatSession');
  const result = useChatSession();
  if (result.session && result.clientSecret !== null && result.expiresAt !== null) {
    return result as UseSuspenseChatSessionResult;
  }
  if (result.error && !result.error.retryable && result.status === 'error') throw result.error;
  // One promise per state, shared by every suspended consumer: it settles on the next usable session or failure.
  const state = controller.getState();
  let entry = pending.get(controller);
  if (entry?.state !== state) {
    const promise = new Promise<void>((resolve) => {
      const unsubscribe = controller.subscribe((next) => {
        if (next.clientSecret === null && next.status !== 'error') return;
        unsubscribe();
        resolve();
      });
    });
    entry = { state, promise };
    pending.set(controller, entry);
  }
  throw entry.promise;
}
