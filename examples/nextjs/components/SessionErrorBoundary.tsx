'use client';
import { useChatSession } from '@chatkit-session/react';
import { Component, type ReactNode } from 'react';

interface SessionErrorBoundaryState {
  readonly error: Error | null;
}

// The error view: a hook-using component, so it may ask the provider for a new session.
function SessionUnavailable({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { refresh } = useChatSession();
  return (
    <p role="alert" data-testid="session-unavailable">
      Chat is unavailable: {error.message}{' '}
      <button type="button" onClick={() => void refresh().then(onRetry)}>
        Try again
      </button>
    </p>
  );
}

/**
 * Catches the stopping errors `useSuspenseChatSession()` throws (401, 403, 404, an invalid session) and offers to try
 * again. React has no error boundary component of its own; `app/error.tsx` would catch them too, for the whole page.
 */
export class SessionErrorBoundary extends Component<{ children: ReactNode }, SessionErrorBoundaryState> {
  override state: SessionErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): SessionErrorBoundaryState {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error) return <SessionUnavailable error={error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
