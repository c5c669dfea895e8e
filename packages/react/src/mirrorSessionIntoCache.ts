import type { ChatSessionController, InitialChatSession } from '@chatkit-session/core';
import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Returns a session a cache holds under `key` in the shape a provider writes, or `undefined`.
 *
 * @param client The cache.
 * @param key The session's key.
 * @returns The cached session and its local expiry.
 */
export function readCachedSession(client: QueryClient, key: QueryKey): InitialChatSession | undefined {
  const cached = client.getQueryData<Partial<InitialChatSession> | null>(key);
  return cached?.session && typeof cached.expiresAt === 'number' ? (cached as InitialChatSession) : undefined;
}

/**
 * Writes each new session of a controller into a React Query cache, so devtools show it and loaders can read it.
 *
 * @param controller The controller.
 * @param client The cache.
 * @param key Where to write.
 * @returns The function that stops mirroring.
 */
export function mirrorSessionIntoCache(controller: ChatSessionController, client: QueryClient, key: QueryKey) {
  let written = readCachedSession(client, key)?.session ?? null;
  const write = () => {
    const { session, expiresAt, status } = controller.getState();
    // A reset is a sign-out: the secret must not outlive it in the cache.
    if (status === 'idle' && written) {
      written = null;
      client.removeQueries({ queryKey: key, exact: true });
    }
    if (!session || expiresAt === null || session === written) return;
    written = session;
    client.setQueryData<InitialChatSession>(key, { session, expiresAt });
  };
  write();
  return controller.subscribe(write);
}
