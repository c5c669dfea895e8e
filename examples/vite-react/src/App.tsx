import type { FetchSessionContext } from '@chatkit-session/core';
import { ChatSessionProvider, createTabSync } from '@chatkit-session/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createRequestLog } from './createRequestLog.js';
import { Dashboard } from './Dashboard.js';
import { DemoHeader } from './DemoHeader.js';
import { SignedOut } from './SignedOut.js';
import { sharingTabs } from './sharingTabs.js';

// Who the page thinks is signed in; the server decides the session's real `user` (see server/createDemoMiddleware.ts).
const DEMO_SESSION_KEY = 'demo-user';
// `?share` shares one session across this origin's tabs (one renewal for all of them) instead of one per tab.
const SHARE_ACROSS_TABS = sharingTabs ? createTabSync : undefined;

/** The demo page: the session provider around a live view of the session, its renewals and a chat panel. */
export function App() {
  const [queryClient] = useState(() => new QueryClient());
  const [log] = useState(createRequestLog);
  const [signedIn, setSignedIn] = useState(true);

  // The request log wraps the call only to draw the timeline; the provider needs nothing but the fetch.
  const fetchSession = ({ signal, reason }: FetchSessionContext) =>
    log.track(reason, () =>
      fetch('/api/chatkit/session', {
        method: 'POST',
        signal,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason }),
      }),
    );

  return (
    <QueryClientProvider client={queryClient}>
      <main className="demo">
        <DemoHeader />
        {signedIn ? (
          <ChatSessionProvider
            sessionKey={DEMO_SESSION_KEY}
            fetchSession={fetchSession}
            shareAcrossTabs={SHARE_ACROSS_TABS}
          >
            <Dashboard log={log} onSignOut={() => setSignedIn(false)} />
          </ChatSessionProvider>
        ) : (
          <SignedOut onSignIn={() => setSignedIn(true)} />
        )}
      </main>
    </QueryClientProvider>
  );
}
