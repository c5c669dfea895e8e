import { ChatSessionProvider, useChatSession } from '@chatkit-session/react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { connectQueryManagers } from './connectQueryManagers.js';
import { createSimBackend, type SimBackend } from './createSimBackend.js';
import { createSimClock, type SimClock, settle } from './createSimClock.js';
import { installHappyDom } from './installHappyDom.js';
import { REFETCH_INTERVAL_MS } from './strategies/refetchIntervalStrategy.js';

/** One row of the React cost table. */
export interface ReactCostRow {
  readonly strategy: string;
  readonly consumer: string;
  /** Renders of one consumer per session request while time runs (renewals). */
  readonly rendersPerRenewal: number;
  /** Renders of one consumer during 100 visibility/focus toggles on a fresh session. */
  readonly rendersFrom100Toggles: number;
  /** Session requests made during those toggles. */
  readonly requestsFrom100Toggles: number;
}

type Counts = { whole: number; secret: number };
interface Scenario {
  readonly strategy: string;
  readonly consumers: { readonly whole: string; readonly secret: string };
  readonly tree: (clock: SimClock, backend: SimBackend, counts: Counts) => ReactNode;
}

const CONSUMERS = 10;
const RUN_MS = 80 * 60_000;
const repeat = (node: (key: number) => ReactNode) => Array.from({ length: CONSUMERS }, (_, key) => node(key));

function OursWhole({ counts }: { counts: Counts }) {
  const { status, clientSecret, isRefreshing, error } = useChatSession();
  counts.whole += 1;
  return <span title={error?.message}>{`${status} ${isRefreshing} ${clientSecret}`}</span>;
}

function OursSecret({ counts }: { counts: Counts }) {
  const clientSecret = useChatSession((session) => session.clientSecret);
  counts.secret += 1;
  return <span>{clientSecret}</span>;
}

const queryOptions = (backend: SimBackend) => ({
  queryKey: ['chatkit-session'],
  queryFn: backend.mint,
  refetchInterval: REFETCH_INTERVAL_MS,
});

function QueryWhole({ counts, backend }: { counts: Counts; backend: SimBackend }) {
  const { status, data, isFetching, error } = useQuery(queryOptions(backend));
  counts.whole += 1;
  return <span title={error?.message}>{`${status} ${isFetching} ${data?.client_secret}`}</span>;
}

function QuerySecret({ counts, backend }: { counts: Counts; backend: SimBackend }) {
  const { data } = useQuery({ ...queryOptions(backend), select: (session) => session.client_secret });
  counts.secret += 1;
  return <span>{data}</span>;
}

const scenarios: Scenario[] = [
  {
    strategy: 'ours (ChatSessionProvider)',
    consumers: { whole: '`useChatSession()`', secret: '`useChatSession((s) => s.clientSecret)`' },
    tree: (clock, backend, counts) => (
      <ChatSessionProvider fetchSession={backend.fetchSession} environment={clock.environment}>
        {repeat((key) => (
          <OursWhole key={`w${key}`} counts={counts} />
        ))}
        {repeat((key) => (
          <OursSecret key={`s${key}`} counts={counts} />
        ))}
      </ChatSessionProvider>
    ),
  },
  {
    strategy: 'React Query (refetchInterval 9 min, refetchOnWindowFocus)',
    consumers: { whole: '`useQuery()` (status, data, isFetching, error)', secret: '`useQuery({ select })`' },
    tree: (_clock, backend, counts) => (
      <QueryClientProvider client={new QueryClient()}>
        {repeat((key) => (
          <QueryWhole key={`w${key}`} counts={counts} backend={backend} />
        ))}
        {repeat((key) => (
          <QuerySecret key={`s${key}`} counts={counts} backend={backend} />
        ))}
      </QueryClientProvider>
    ),
  },
];

type CreateRoot = typeof import('react-dom/client')['createRoot'];

// React renders store updates in a microtask and runs effects in scheduler tasks (setImmediate in Node).
const flush = async (fire: () => void) => {
  fire();
  for (let round = 0; round < 5; round += 1) await settle();
};

async function measureScenario(scenario: Scenario, createRoot: CreateRoot): Promise<ReactCostRow[]> {
  const clock = createSimClock({ startMs: Date.UTC(2026, 10, 26, 12) });
  const disconnect = connectQueryManagers(clock);
  const backend = createSimBackend(clock, {});
  const counts: Counts = { whole: 0, secret: 0 };
  const root = createRoot(document.createElement('div'));
  const runFor = (ms: number) => clock.runUntil(clock.trueNow() + ms, flush);

  await flush(() => root.render(scenario.tree(clock, backend, counts)));
  await runFor(1_000);
  const beforeToggles = { ...counts, requests: backend.requests };
  for (let toggle = 0; toggle < 100; toggle += 1) {
    clock.setVisible(toggle % 2 === 1);
    if (clock.isVisible()) clock.dispatch('focus');
    await runFor(1_000);
  }
  const beforeRun = { ...counts, requests: backend.requests };
  await runFor(RUN_MS);
  const renewals = backend.requests - beforeRun.requests;
  await flush(() => root.unmount());
  disconnect();

  return (['whole', 'secret'] as const).map((kind) => ({
    strategy: scenario.strategy,
    consumer: scenario.consumers[kind],
    rendersPerRenewal: (counts[kind] - beforeRun[kind]) / CONSUMERS / renewals,
    rendersFrom100Toggles: (beforeRun[kind] - beforeToggles[kind]) / CONSUMERS,
    requestsFrom100Toggles: beforeRun.requests - beforeToggles.requests,
  }));
}

/**
 * Measures what keeping a session fresh costs React: 10 consumers of the whole state and 10 of the secret alone,
 * rendered by react-dom into happy-dom on the simulated clock; 100 visibility/focus toggles on a fresh session, then
 * 80 minutes of renewals.
 *
 * @returns Two rows per strategy (whole-state and secret-only consumers).
 */
export async function measureReactCost(): Promise<ReactCostRow[]> {
  const uninstall = installHappyDom();
  try {
    // Loaded after the DOM exists: react-dom checks for one when it is first evaluated.
    const { createRoot } = await import('react-dom/client');
    const rows: ReactCostRow[] = [];
    for (const scenario of scenarios) rows.push(...(await measureScenario(scenario, createRoot)));
    return rows;
  } finally {
    await uninstall();
  }
}
