import { QueryClient } from '@tanstack/react-query';

const browserQueryClients = new Map<string, QueryClient>();

/**
 * Returns a React Query client: a new one for each server render, and one per `scope` for the browser tab, made
 * outside React's state (TanStack Query's own Next.js pattern). A provider under a `<Suspense>` that suspends before
 * it ever commits (here `app/loading.tsx`, during a client-side navigation) keeps no state between render attempts:
 * a client made in `useState` would be a new client, and so a new session request, on every attempt.
 *
 * @param scope Which cache: the session provider keeps one credential per `sessionKey` in a cache, so this example,
 *   which runs hosted and custom-backend mode side by side for the same user, gives each its own. Defaults to `'app'`.
 * @returns The client.
 */
export function getQueryClient(scope = 'app'): QueryClient {
  if (typeof window === 'undefined') return new QueryClient();
  let client = browserQueryClients.get(scope);
  if (!client) {
    client = new QueryClient();
    browserQueryClients.set(scope, client);
  }
  return client;
}
