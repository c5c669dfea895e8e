'use client';
import type { ChatSessionController } from '@chatkit-session/core';
import { useEffect, useMemo } from 'react';
import { useChatSessionContext } from './useChatSessionContext.js';

/** What `useChatKitApi()` returns: the `api` option of ChatKit's `useChatKit`. */
export interface UseChatKitApiResult {
  /** ChatKit's `getClientSecret(currentClientSecret)`; one identity for the provider's life. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
}

/**
 * Returns `{ getClientSecret }` for `useChatKit({ api })` of `@openai/chatkit-react` (hosted mode): the same object for
 * the provider's life (across renders, renewals and user switches), each call answered for the `sessionKey` current
 * when it is made, and it never re-renders on its own. Custom-backend mode is `useChatKitCustomApi({ url, domainKey })`,
 * so that a hosted app ships none of its code.
 *
 * @returns The `api` option.
 * @example
 * const { control } = useChatKit({ api: useChatKitApi() });
 * return <ChatKit control={control} />;
 */
export function useChatKitApi(options?: never): UseChatKitApiResult {
  // Read at run time too: a JavaScript caller of the earlier `useChatKitApi({ url, domainKey })` learns where it went.
  if (options !== undefined) throw new TypeError('useChatKitApi() takes no options: use useChatKitCustomApi().');
  const { actions } = useChatSessionContext('useChatKitApi');
  // ChatKit is on the page: its session is needed, so it is renewed before it expires for as long as this is mounted.
  useEffect(() => actions.hold(), [actions]);
  return useMemo(() => ({ getClientSecret: actions.getClientSecret }), [actions]);
}
