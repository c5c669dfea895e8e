'use client';
import type { ChatSessionError } from '@chatkit-session/core';
import type { ReactNode } from 'react';
import { useChatSession } from './useChatSession.js';

/** What an error view of `ChatSessionGate` is given. */
export interface ChatSessionGateErrorProps {
  readonly error: ChatSessionError;
  /** Asks for a new session now. */
  readonly retry: () => void;
}

/** The props of `ChatSessionGate`. */
export interface ChatSessionGateProps {
  /** Rendered only while there is a usable session. */
  children?: ReactNode;
  /** Rendered while the first session loads. Defaults to nothing. */
  fallback?: ReactNode;
  /**
   * The component rendered, with the error and a retry action, when there is no usable session and the last attempt
   * failed; it may use hooks. Defaults to a message and a "Try again" button.
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
  if (hasSecret) return <>{children}</>;
  // Rendered as an element, not called: an error view may use hooks of its own.
  const ErrorView = errorFallback;
  if (error) return <ErrorView error={error} retry={() => void refresh()} />;
  return <>{fallback}</>;
}
