import { useQuery } from '@tanstack/react-query';
import { type DemoConfig, fetchDemoConfig } from './demoApi.js';

/**
 * Returns which API the dev server's session endpoint talks to, or `undefined` while it loads.
 *
 * @returns The demo's config.
 */
export function useDemoConfig(): DemoConfig | undefined {
  const { data } = useQuery({
    queryKey: ['demo', 'config'],
    queryFn: fetchDemoConfig,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data;
}
