import type { ChatSessionController, InitialChatSession } from '@chatkit-session/core';
import type { QueryClient } from '@tanstack/react-query';
import { chatSessionQueryKey } from './chatSessionQueryKey.js';

// This file is the only code that writes or removes a session's entry, `chatSessionQueryKey(sessionKey)`, in a
// React Query cache. The rules, all here:
// - each new session of a mounted provider's controller is written, so devtools show it and loaders can read it;
// - a reset (a sign-out) removes it: the secret must not outlive it in the cache;
// - a provider that commits another `sessionKey` (the user switch) removes the previous user's at once;
// - the registry's eviction of a controller, a grace period after its last provider, removes it (`removeCachedSession`).
// An unmount, StrictMode's remount and `<Activity>` remove nothing: the controller and its session come back.

/**
 * Returns a session a cache holds for `sessionKey` in the shape a provider writes, or `undefined`.
 *
 * @param client The cache.
 * @param sessionKey Whose session.
 * @returns The cached session and its local expiry.
 */
export function readCachedSession(client: QueryClient, sessionKey: string | null): InitialChatSession | undefined {
  const cached = client.getQueryData<Partial<InitialChatSession> | null>(chatSessionQueryKey(sessionKey));
  return cached?.session && typeof cached.expiresAt === 'number' ? (cached as InitialChatSession) : undefined;
}

/**
 * Removes the session a cache holds for `sessionKey`: the registry's `onEvict`, so a user's secret leaves the cache
 * with their controller.
 *
 * @param client The cache.
 * @param sessionKey Whose session.
 */
export function removeCachedSession(client: QueryClient, sessionKey: string | null): void {
  client.removeQueries({ queryKey: chatSessionQueryKey(sessionKey), exact: true });
}

/**
 * Creates the cache binding of one provider. Binding it to a user (each commit) removes the entry of the user it was
 * bound to before, if another; the function returned then mirrors a controller into the entry until it is called
 * back.
 *
 * @returns `bind(client, sessionKey)`, which returns `mirror(controller)`, which returns `stop()`.
 * @example
 * const bind = bindSessionToCache(); // once per provider
 * const stop = bind(client, user.id)(controller); // on commit; stop() on cleanup
 */
export function bindSessionToCache() {
  let bound: string | null | undefined;
  return (client: QueryClient, sessionKey: string | null) => {
    if (bound !== undefined && bound !== sessionKey) removeCachedSession(client, bound);
    bound = sessionKey;
    return (controller: ChatSessionController) => {
      let written = readCachedSession(client, sessionKey)?.session ?? null;
      const write = () => {
        const { session, expiresAt, status } = controller.getState();
        if (status === 'idle' && written) {
          written = null;
          removeCachedSession(client, sessionKey);
        }
        if (!session || expiresAt === null || session === written) return;
        written = session;
        client.setQueryData<InitialChatSession>(chatSessionQueryKey(sessionKey), { session, expiresAt });
      };
      write();
      return controller.subscribe(write);
    };
  };
}
