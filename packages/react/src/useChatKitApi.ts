'use client';
import type { ChatSessionController } from '@chatkit-session/core';
import { useMemo } from 'react';
import { useChatSessionContext } from './useChatSessionContext.js';

/** What `useChatKitApi()` returns: the `api` option of ChatKit's `useChatKit`. */
export interface UseChatKitApiResult {
  /** ChatKit's `getClientSecret(currentClientSecret)`; the same function across renders and renewals. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
}

/**
 * Returns `{ getClientSecret }` for `useChatKit({ api })` of `@openai/chatkit-react`, stable across renders and
 * renewals (a new one only when `sessionKey` changes), and never re-renders on its own.
 *
 * @returns The `api` option.
 * @example
 * const api = useChatKitApi();
 * const { control } = useChatKit({ api });
 * return <ChatKit control={control} />;
 */
export function useChatKitApi(): UseChatKitApiResult {
  const { controller } = useChatSessionContext('useChatKitApi');
  return useMemo(() => ({ getClientSecret: controller.getClientSecret }), [controller]);
}
