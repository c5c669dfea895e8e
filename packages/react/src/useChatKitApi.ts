'use client';
import type { ChatSessionController } from '@chatkit-session/core';
import { useMemo } from 'react';
import { useChatSessionContext } from './useChatSessionContext.js';

/** What `useChatKitApi()` returns: the `api` option of ChatKit's `useChatKit`. */
export interface UseChatKitApiResult {
  /** ChatKit's `getClientSecret(currentClientSecret)`; one identity for the provider's life. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
}

/**
 * Returns `{ getClientSecret }` for `useChatKit({ api })` of `@openai/chatkit-react`: the same object for the
 * provider's life (across renders, renewals and user switches), always answering for the current `sessionKey`, and it
 * never re-renders on its own.
 *
 * @returns The `api` option.
 * @example
 * const api = useChatKitApi();
 * const { control } = useChatKit({ api });
 * return <ChatKit control={control} />;
 */
export function useChatKitApi(): UseChatKitApiResult {
  const { actions } = useChatSessionContext('useChatKitApi');
  return useMemo(() => ({ getClientSecret: actions.getClientSecret }), [actions]);
}
