'use client';
import type { ChatKitReadinessState } from './ChatKitReadinessState.js';

/**
 * Shows why ChatKit is not usable and a "Try again" button: the default problem view of `ChatKitReadiness`, and one to
 * render beside `useChatKitReadiness`.
 *
 * @example
 * const state = useChatKitReadiness(ref);
 * return state.phase === 'ready' ? null : <ChatKitReadinessFallback {...state} />;
 */
export function ChatKitReadinessFallback({ phase, reason, retry }: ChatKitReadinessState) {
  if (phase === 'loading') return <p>Loading the chat…</p>;
  return (
    <>
      <p>The chat could not start. {reason}</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </>
  );
}
