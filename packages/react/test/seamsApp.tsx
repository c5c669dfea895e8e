import type { ChatSessionEnvironment, FetchSessionContext } from '@chatkit-session/core';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Activity, StrictMode, Suspense } from 'react';
import { ChatSessionProvider, reportEvents } from '../src/index.js';
import { ChatKitStandIn } from './seamsChatKitStandIn.js';
import { HoverTarget, StatusBadge, SuspenseChat } from './seamsConsumers.js';
import type { Page } from './seamsScenario.js';
import { ErrorBoundary, KeyProbe, RenderWatcher } from './seamsWatchers.js';

/** What the seeded app is rendered with, besides its page. */
export interface SeamsAppOptions {
  readonly page: Page;
  readonly strict: boolean;
  readonly queryClient: QueryClient;
  /** The backend as the signed-in user's closure reaches it. */
  readonly fetchSession: (context: FetchSessionContext) => Promise<Response>;
  /** The signed-in user's environment. */
  readonly environment: ChatSessionEnvironment;
  readonly requestTimeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * The seeded app as it renders `page` (an element, not a component, so that StrictMode wraps the whole tree): a
 * provider with the watchers, the hover target, and the badge, Suspense consumer and ChatKit stand-in the page has.
 */
export function seamsApp({
  page,
  strict,
  queryClient,
  fetchSession,
  environment,
  requestTimeoutMs,
  log,
}: SeamsAppOptions) {
  const tree = (
    <QueryClientProvider client={queryClient}>
      <ChatSessionProvider
        key={page.generation}
        sessionKey={page.key}
        fetchSession={fetchSession}
        environment={environment}
        requestTimeoutMs={requestTimeoutMs}
        telemetry={reportEvents((event) => log(`event ${event.type}${event.reason ? ` (${event.reason})` : ''}`))}
      >
        <ErrorBoundary>
          <KeyProbe renderKey={page.key} />
          <RenderWatcher />
          <HoverTarget />
          {page.badge && <StatusBadge />}
          {page.suspense && (
            <Suspense fallback={<span data-shows="fallback" />}>
              <SuspenseChat renderKey={page.key} />
            </Suspense>
          )}
          {page.chat && (
            <Activity mode={page.shown ? 'visible' : 'hidden'}>
              <ChatKitStandIn />
            </Activity>
          )}
        </ErrorBoundary>
      </ChatSessionProvider>
    </QueryClientProvider>
  );
  return strict ? <StrictMode>{tree}</StrictMode> : tree;
}
