'use client';
import { type ChatSessionController, createChatKitFetch } from '@chatkit-session/core';
import { useEffect, useMemo, useRef } from 'react';
import { useChatSessionContext } from './useChatSessionContext.js';

/** What `useChatKitApi()` returns: the `api` option of ChatKit's `useChatKit`. */
export interface UseChatKitApiResult {
  /** ChatKit's `getClientSecret(currentClientSecret)`; one identity for the provider's life. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
}

/** Where ChatKit's custom-backend mode sends its requests. */
export interface UseChatKitApiOptions {
  /** The URL of the app's own ChatKit server. */
  readonly url: string;
  /** The domain key of the page's domain, as allow-listed on OpenAI's platform. */
  readonly domainKey: string;
  /**
   * The `fetch` that sends each request (with the Bearer token already set), for example one that logs or adds
   * credentials; read at every request, so an inline function changes nothing. Defaults to `globalThis.fetch`.
   */
  readonly fetch?: typeof fetch | undefined;
}

/** What `useChatKitApi({ url, domainKey })` returns: the `api` option of ChatKit's custom-backend mode. */
export interface UseChatKitCustomApiResult {
  /** The URL of the app's own ChatKit server. */
  readonly url: string;
  /** The domain key of the page's domain. */
  readonly domainKey: string;
  /** A `fetch` that sends the session's secret as a Bearer token and renews it once on a 401 (`createChatKitFetch`). */
  readonly fetch: typeof fetch;
}

/**
 * Returns `{ getClientSecret }` for `useChatKit({ api })` of `@openai/chatkit-react` (hosted mode): the same object for
 * the provider's life (across renders, renewals and user switches), always answering for the current `sessionKey`, and
 * it never re-renders on its own.
 *
 * @returns The `api` option.
 * @example
 * const { control } = useChatKit({ api: useChatKitApi() });
 * return <ChatKit control={control} />;
 */
export function useChatKitApi(): UseChatKitApiResult;
/**
 * Returns `{ url, domainKey, fetch }` for `useChatKit({ api })` of `@openai/chatkit-react` (custom-backend mode): its
 * `fetch` sends the session's secret as `Authorization: Bearer …` and, on a 401 from the app's server, renews it once
 * and replays the request once (`createChatKitFetch`). The same object while `url` and `domainKey` stay equal (across
 * renders, renewals and user switches, an inline object literal included), always answering for the current
 * `sessionKey`, and it never re-renders on its own.
 *
 * @param options The app's ChatKit server and the page's domain key.
 * @returns The `api` option.
 * @example
 * const api = useChatKitApi({ url: '/api/chatkit', domainKey: 'domain_pk_…' });
 * const { control } = useChatKit({ api });
 * return <ChatKit control={control} />;
 */
export function useChatKitApi(options: UseChatKitApiOptions): UseChatKitCustomApiResult;
export function useChatKitApi(options?: UseChatKitApiOptions): UseChatKitApiResult | UseChatKitCustomApiResult {
  const { actions } = useChatSessionContext('useChatKitApi');
  // ChatKit is on the page: its session is needed, so it is renewed before it expires for as long as this is mounted.
  useEffect(() => actions.hold(), [actions]);
  // The latest underlying fetch, read at each request: the config's identity never depends on it.
  const underlying = useRef(options?.fetch);
  underlying.current = options?.fetch;
  const url = options?.url;
  const domainKey = options?.domainKey;
  return useMemo(
    () =>
      url === undefined || domainKey === undefined
        ? { getClientSecret: actions.getClientSecret }
        : {
            url,
            domainKey,
            fetch: createChatKitFetch(actions, {
              url,
              get fetch() {
                return underlying.current;
              },
            }),
          },
    [actions, url, domainKey],
  );
}
