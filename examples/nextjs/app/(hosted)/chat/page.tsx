import { SessionDetails } from '@/components/SessionDetails';
import { SessionErrorBoundary } from '@/components/SessionErrorBoundary';

/**
 * Hosted mode with no `<Suspense>` of its own: `SessionDetails` suspends up to `app/loading.tsx`, which is above the
 * provider, so the provider has not mounted yet when the session is asked for.
 */
export default function ChatPage() {
  return (
    <>
      <h1>Under loading.tsx</h1>
      <p>
        No <code>&lt;Suspense&gt;</code> on this page: the nearest one is <code>app/loading.tsx</code>, above the
        provider.
      </p>
      <SessionErrorBoundary>
        <SessionDetails />
      </SessionErrorBoundary>
    </>
  );
}
