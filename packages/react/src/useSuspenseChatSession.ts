'use client';
import type {
  ChatSessionController,
  ChatSessionCredential,
  ChatSessionCredentialFields,
  ChatSessionState,
} from '@chatkit-session/core';
import type { UseChatSessionResult } from './UseChatSessionResult.js';
import { useChatSession } from './useChatSession.js';
import { useChatSessionContext } from './useChatSessionContext.js';

/** What `useSuspenseChatSession()` returns: like `useChatSession()`, with a session always present. */
export interface UseSuspenseChatSessionResult<TSession extends ChatSessionCredentialFields = ChatSessionCredential>
  extends UseChatSessionResult<TSession> {
  readonly session: TSession;
  readonly clientSecret: string;
  readonly expiresAt: number;
}

const ignore = () => {};

// One promise per controller and state, shared by every suspended consumer; it settles on the controller's next change.
const pending = new WeakMap<ChatSessionController, { state: ChatSessionState; promise: Promise<void> }>();

function nextChange(controller: ChatSessionController): Promise<void> {
  const state = controller.getState();
  let entry = pending.get(controller);
  if (entry?.state !== state) {
    const promise = new Promise<void>((resolve) => {
      const unsubscribe = controller.subscribe(() => {
        // A late notice of the very state this promise was made in (a read that dropped an expired session tells
        // listeners a moment later) is no change: settling on it, React would retry and be handed it again, forever.
        if (controller.getState() === state) return;
        unsubscribe();
        resolve();
      });
    });
    entry = { state, promise };
    pending.set(controller, entry);
  }
  return entry.promise;
}

/**
 * The error thrown on a server: React renders the nearest `<Suspense>` fallback into the HTML and the browser renders
 * the boundary, so a secret never goes into HTML and the server never waits for one.
 */
function serverRenderError(): Error {
  const error = new Error(
    'useSuspenseChatSession renders the nearest <Suspense> fallback on a server; the browser fetches the session.',
  );
  // Next.js then renders the boundary in the browser without reporting an error, as for `next/dynamic`'s `ssr: false`.
  return Object.assign(error, { digest: 'BAILOUT_TO_CLIENT_SIDE_RENDERING' });
}

/**
 * Returns the session like `useChatSession()`, suspending until there is a usable one, and throwing a stopping error
 * (401, 404, invalid response) to the nearest error boundary. A `<Suspense>` boundary may sit inside or above the
 * `ChatSessionProvider` (Next.js's `loading.tsx` is one above): the hook starts the session itself when the provider
 * has not mounted yet. On a server it renders the boundary's fallback and leaves the session to the browser.
 *
 * @returns The session's state with a session present.
 * @example
 * <Suspense fallback={<Spinner />}>
 *   <Chat />
 * </Suspense>
 * // inside Chat:
 * const { clientSecret } = useSuspenseChatSession();
 */
export function useSuspenseChatSession<
  TSession extends ChatSessionCredentialFields = ChatSessionCredential,
>(): UseSuspenseChatSessionResult<TSession> {
  const { controller, lease } = useChatSessionContext('useSuspenseChatSession');
  const result = useChatSession<TSession>();
  if (result.session && result.clientSecret !== null && result.expiresAt !== null) {
    return result as UseSuspenseChatSessionResult<TSession>;
  }
  if (result.error && !result.error.retryable && result.status === 'error') throw result.error;
  if (typeof document === 'undefined') throw serverRenderError();
  const change = nextChange(controller);
  // Suspended, this render has mounted nothing that holds the session: ask for it, as a suspense query fetches. Not
  // while rendering: starting a request changes the state, and the components that read it must not update during
  // another's render.
  queueMicrotask(() => {
    lease();
    void controller.getClientSecret().catch(ignore);
  });
  throw change;
}
