import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RequestLog } from './createRequestLog.js';
import { type DemoConfig, fetchMockCalls } from './demoApi.js';
import { useRequestLog } from './useRequestLog.js';

/** The props of `RequestCounter`. */
export interface RequestCounterProps {
  readonly log: RequestLog;
  /** Which API the session endpoint talks to; `undefined` counts this page's answers. */
  readonly mode: DemoConfig['mode'] | undefined;
  /** The endpoint whose requests count: the session or the token endpoint. */
  readonly route: string;
}

/**
 * How many sessions (or tokens) were created: on the mock, the mock's own count (all tabs), refetched each time a
 * request of this page to `route` settles; otherwise, this page's successful requests to `route`.
 */
export function RequestCounter({ log, mode, route }: RequestCounterProps) {
  const entries = useRequestLog(log).filter((entry) => entry.route === route);
  const settled = entries.filter((entry) => entry.durationMs !== null).length;
  const calls = useQuery({
    queryKey: ['demo', 'mock-calls', settled],
    queryFn: fetchMockCalls,
    enabled: mode === 'mock',
    placeholderData: keepPreviousData,
  });
  if (mode !== 'mock') {
    const created = entries.filter((entry) => entry.status === 200).length;
    return <span data-testid="request-count">{created}</span>;
  }
  const { created, attempted } = calls.data ?? { created: 0, attempted: 0 };
  return (
    <span>
      <strong data-testid="request-count">{created}</strong>{' '}
      <span className="muted">
        by the mock API ({attempted} {attempted === 1 ? 'call' : 'calls'}, failures included)
      </span>
    </span>
  );
}
