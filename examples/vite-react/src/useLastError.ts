import type { ChatSessionError } from '@chatkit-session/core';
import { useChatSession } from '@chatkit-session/react';
import { useState } from 'react';

/** The last session error the page saw, and when. */
export interface LastSessionError {
  readonly error: ChatSessionError;
  readonly seenAt: number;
  /** Whether it is still the controller's current error (a later success clears that). */
  readonly current: boolean;
}

/**
 * Returns the last session error, kept after the next success clears it, so a retried failure stays readable.
 *
 * @returns The error, or `null` before the first one.
 */
export function useLastError(): LastSessionError | null {
  const error = useChatSession((session) => session.error);
  const [last, setLast] = useState<{ error: ChatSessionError; seenAt: number } | null>(null);
  if (error && error !== last?.error) setLast({ error, seenAt: Date.now() });
  return last ? { ...last, current: last.error === error } : null;
}
