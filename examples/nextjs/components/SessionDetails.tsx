'use client';
import { maskClientSecret, useSuspenseChatSession } from '@chatkit-session/react';

/**
 * The part of a page that needs a session: `useSuspenseChatSession()` suspends to the nearest `<Suspense>` until there
 * is one. On the server it renders that boundary's fallback and leaves the rest to the browser, so no secret goes into
 * the HTML.
 */
export function SessionDetails() {
  const { clientSecret, expiresAt } = useSuspenseChatSession();
  return (
    <section aria-label="Session">
      <h2>Session</h2>
      <dl>
        <dt>client secret</dt>
        <dd data-testid="suspense-secret">{maskClientSecret(clientSecret)}</dd>
        <dt>expires at</dt>
        <dd>{new Date(expiresAt).toLocaleTimeString()}</dd>
      </dl>
    </section>
  );
}
