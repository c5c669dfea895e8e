import { Suspense } from 'react';
import { ChatKitStandIn } from '@/components/ChatKitStandIn';
import { SessionDetails } from '@/components/SessionDetails';
import { SessionErrorBoundary } from '@/components/SessionErrorBoundary';
import { SessionStatus } from '@/components/SessionStatus';

/** Hosted mode with a `<Suspense>` inside the provider: the fallback shows until the first session arrives. */
export default function HostedPage() {
  return (
    <>
      <h1>Hosted session</h1>
      <p>
        The session endpoint is <code>app/api/chatkit/session/route.ts</code>; the provider renews the session before it
        expires. This page has its own <code>&lt;Suspense&gt;</code> around the part that needs a session.
      </p>
      <SessionStatus />
      <SessionErrorBoundary>
        <Suspense fallback={<p data-testid="session-fallback">Connecting…</p>}>
          <SessionDetails />
        </Suspense>
      </SessionErrorBoundary>
      <ChatKitStandIn />
    </>
  );
}
