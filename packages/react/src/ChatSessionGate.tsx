'use client';
import type { ChatSessionError } from '@chatkit-session/core';
import { type ReactNode, useCallback } from 'react';
import { useChatSession } from './useChatSession.js';

/** What an error view of `ChatSessionGate` is given. */
export interface ChatSessionGateErrorProps {
  readonly error: ChatSessionError;
  /** Asks for a new session now; the same function on every render. */
  readonly retry: () => void;
}

/** The props of `ChatSessionGate`. */
export interface ChatSessionGateProps {
  /** Rendered only while there is a usable session: one held, and not refused by the app's ChatKit server. */
  children?: ReactNode;
  /** Rendered while the first session loads. Defaults to nothing. */
  fallback?: ReactNode;
  /**
   * Renders the error view, given the error and a retry action, when there is no usable session and the last attempt
   * failed: a component or an inline function. It is called inside one internal component, so it may use hooks (in
   * the same order on every call) and a new inline function on each parent render keeps the view's state. Defaults to
   * a message and a "Try again" button.
   */
  errorFallback?: (props: ChatSessionGateErrorProps) => ReactNode;
}

function DefaultErrorView({ error, retry }: ChatSessionGateErrorProps) {
  return (
    <div role="alert">
      <p>The chat could not start: {error.message}</p>
      {error.retryable && <p>Retrying automatically.</p>}
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

// One component type for every errorFallback: a new inline function per parent render must not remount the view.
function ErrorView({
  render,
  ...props
}: ChatSessionGateErrorProps & { render: (props: ChatSessionGateErrorProps) => ReactNode }) {
  return render(props);
}

/**
 * Renders its children only while there is a usable session; a fallback while the first one loads, and an error view
 * with a retry action when none could be had.
 *
 * @example
 * <ChatSessionGate fallback={<Spinner />}>
 *   <ChatKit control={control} />
 * </ChatSessionGate>
 */
export function ChatSessionGate({ children, fallback = null, errorFallback = DefaultErrorView }: ChatSessionGateProps) {
  const hasSecret = useChatSession((session) => session.clientSecret !== null);
  // The last failure stays set while a retry is in flight (status `loading`), so the error view does not flicker to the
  // fallback and back on every retry; success, reset() and a manual retry of a stopping error clear it.
  const error = useChatSession((session) => session.error);
  const refresh = useChatSession((session) => session.refresh);
  const retry = useCallback(() => void refresh(), [refresh]);
  // A secret the ChatKit server refuses is no usable session: the chat would only show its 401s.
  if (hasSecret && error?.kind !== 'refused') return <>{children}</>;
  if (error) return <ErrorView render={errorFallback} error={error} retry={retry} />;
  return <>{fallback}</>;
}
