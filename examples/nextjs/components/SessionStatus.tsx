'use client';
import { maskClientSecret, useChatSession, useSessionCountdown } from '@chatkit-session/react';

// The only part that ticks once a second, kept apart so nothing else re-renders with it.
function SessionCountdown() {
  const { secondsLeft, secondsUntilRefresh } = useSessionCountdown();
  return (
    <>
      <dt>expires in</dt>
      <dd data-testid="seconds-left">{secondsLeft ?? '–'} s</dd>
      <dt>renews in</dt>
      <dd data-testid="seconds-until-refresh">{secondsUntilRefresh ?? '–'} s</dd>
    </>
  );
}

/** Shows the session's status from `useChatSession()`: it renders on the server too, as `idle`. */
export function SessionStatus() {
  const { status, clientSecret, error } = useChatSession();
  return (
    <section aria-label="Session status">
      <h2>Status</h2>
      <dl>
        <dt>status</dt>
        <dd data-testid="session-status">{status}</dd>
        <dt>client secret</dt>
        <dd data-testid="session-secret">{maskClientSecret(clientSecret)}</dd>
        <SessionCountdown />
        <dt>last error</dt>
        <dd data-testid="session-error">{error ? `${error.kind} ${error.status ?? ''}: ${error.message}` : 'none'}</dd>
      </dl>
    </section>
  );
}
