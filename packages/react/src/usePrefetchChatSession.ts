'use client';
import { useChatSessionContext } from './useChatSessionContext.js';

/**
 * Returns a function that gets the session's secret ready before ChatKit asks for it: call it when the user shows
 * intent to open the chat (hover or focus of the control that opens it), so the first secret is there when ChatKit
 * mounts. It fetches only when no usable secret is held or on its way, never rejects, and keeps one identity for the
 * provider's life (across user switches, acting for the current user).
 *
 * @returns `prefetch`, which resolves once a secret is ready or the attempt failed.
 * @example
 * const prefetch = usePrefetchChatSession();
 * return <button onPointerEnter={prefetch} onFocus={prefetch} onClick={openChat}>Chat</button>;
 */
export function usePrefetchChatSession(): () => Promise<void> {
  return useChatSessionContext('usePrefetchChatSession').actions.prefetch;
}
