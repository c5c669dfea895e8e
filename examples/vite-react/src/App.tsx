import type { FetchSessionContext } from '@chatkit-session/core';
import { ChatSessionProvider, createTabSync } from '@chatkit-session/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { chatKitMode } from './chatKitMode.js';
import { createRequestLog } from './createRequestLog.js';
import { Dashboard } from './Dashboard.js';
import { DemoHeader } from './DemoHeader.js';
import { SESSION_URL, TOKEN_URL } from './demoApi.js';
import { SignedOut } from './SignedOut.js';
import { sharingTabs } from './sharingTabs.js';

// Who the page thinks is signed in; the server decides the session's real `user` (see server/createDemoMiddleware.ts).
// A token is another credential of the same user: its own key keeps it apart in the cache and across tabs.
const DEMO_SESSION_KEY = chatKitMode === 'custom' ? 'demo-user:token' : 'demo-user';
// Hosted mode renews a ChatKit session; custom-backend mode the token of the app's own ChatKit server.
const CREDENTIAL_URL = chatKitMode === 'custom' ? TOKEN_URL : SESSION_URL;
// `?share` shares one session across this origin's tabs (one renewal for all of them) instead of one per tab.
const SHARE_ACROSS_TABS = sharingTabs ? createTabSync : undefined;

/**
 * The demo page: the session provider around a live view of the session (or token), its renewals and a chat panel.
 */
export function App() {
  const [queryClient] = useState(() => new QueryClient());
  const [log] = useState(createRequestLog);
  const [signedIn, setSignedIn] = useState(true);

  // The request log wraps the call only to draw the timeline; the provider needs nothing but the fetch.
  const fetchSession = ({ signal, reason }: FetchSessionContext) =>
    log.track({ route: CREDENTIAL_URL, reason }, () =>
      fetch(CREDENTIAL_URL, {
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
