import { QueryClient, QueryObserver } from '@tanstack/react-query';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/** The poll period users pick: a minute under the 10-minute lifetime. */
export const REFETCH_INTERVAL_MS = 9 * 60_000;

/**
 * React Query with `refetchInterval`: the real `QueryObserver` with its defaults (`retry: 3`, exponential
 * `retryDelay`, `refetchOnWindowFocus`, `staleTime: 0`), polling on a fixed period; ChatKit reads the cache.
 */
export const refetchIntervalStrategy: RenewalStrategyDefinition = {
  name: 'React Query refetchInterval (9 min)',
  summary:
    '`useQuery({ queryFn: createSession, refetchInterval: 9 min })`, defaults otherwise; ChatKit reads the cache',
  create({ backend }) {
    const client = new QueryClient();
    const options = { queryKey: ['chatkit-session'], queryFn: backend.mint, refetchInterval: REFETCH_INTERVAL_MS };
    const observer = new QueryObserver(client, options);
    const unsubscribe = observer.subscribe(() => {});
    return {
      getClientSecret: async () => (await client.ensureQueryData(options)).client_secret,
      dispose: () => {
        unsubscribe();
        client.clear();
      },
    };
  },
};
