import { QueryClient, QueryObserver } from '@tanstack/react-query';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/** The poll period users pick: a minute under the 10-minute lifetime. */
export const REFETCH_INTERVAL_MS = 9 * 60_000;

/**
 * React Query with `refetchInterval`: the real `QueryObserver` with its defaults (`retry: 3`, exponential
 * `retryDelay`, `refetchOnWindowFocus`, `staleTime: 0`), polling on a fixed period; ChatKit reads the cache. The
 * client is mounted as `QueryClientProvider` mounts it, so a page that turns visible refetches the stale session.
 */
export const refetchIntervalStrategy: RenewalStrategyDefinition = {
  name: 'React Query refetchInterval (9 min)',
  summary:
    '`useQuery({ queryFn: createSession, refetchInterval: 9 min })`, defaults otherwise (so it also refetches when ' +
    'the page turns visible); ChatKit reads the cache',
  create({ backend }) {
    const client = new QueryClient();
    // What `QueryClientProvider` does on mount: it subscribes the client to focus and online changes.
    client.mount();
    const options = { queryKey: ['chatkit-session'], queryFn: backend.mint, refetchInterval: REFETCH_INTERVAL_MS };
    const observer = new QueryObserver(client, options);
    const unsubscribe = observer.subscribe(() => {});
    return {
      getClientSecret: async () => (await client.ensureQueryData(options)).client_secret,
      dispose: () => {
        unsubscribe();
        client.unmount();
        client.clear();
      },
    };
  },
};
