'use client';
import { createChatKitFetch } from '@chatkit-session/core';
import { useEffect, useMemo, useRef } from 'react';
import { useChatSessionContext } from './useChatSessionContext.js';

/** Where ChatKit's custom-backend mode sends its requests. */
export interface UseChatKitCustomApiOptions {
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

/** What `useChatKitCustomApi({ url, domainKey })` returns: the `api` option of ChatKit's custom-backend mode. */
export interface UseChatKitCustomApiResult {
  /** The URL of the app's own ChatKit server. */
  readonly url: string;
  /** The domain key of the page's domain. */
  readonly domainKey: string;
  /** A `fetch` that sends the session's secret as a Bearer token and renews it once on a 401 (`createChatKitFetch`). */
  readonly fetch: typeof fetch;
}

/**
 * Returns `{ url, domainKey, fetch }` for `useChatKit({ api })` of `@openai/chatkit-react` (custom-backend mode): its
 * `fetch` sends the session's secret as `Authorization: Bearer …` to `url`'s origin only and, on a 401 from the app's
 * server, renews it once and replays the request once (`createChatKitFetch`). Each request belongs to the user signed
 * in when it was made: one waiting for a token when `sessionKey` changes rejects as `superseded` and is never sent, nor
 * replayed, with the next user's. The same object while `url` and `domainKey` stay equal (across renders, renewals and
 * user switches, an inline object literal included), and it never re-renders on its own.
 *
 * @param options The app's ChatKit server and the page's domain key.
 * @returns The `api` option.
 * @example
 * const api = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_…' });
 * const { control } = useChatKit({ api });
 * return <ChatKit control={control} />;
 */
export function useChatKitCustomApi({ url, domainKey, fetch }: UseChatKitCustomApiOptions): UseChatKitCustomApiResult {
  const { actions } = useChatSessionContext('useChatKitCustomApi');
  // ChatKit is on the page: its session is needed, so it is renewed before it expires for as long as this is mounted.
  useEffect(() => actions.hold(), [actions]);
  // The latest underlying fetch, read at each request: the config's identity never depends on it.
  const underlying = useRef(fetch);
  underlying.current = fetch;
  return useMemo(
    () => ({
      url,
      domainKey,
      fetch: createChatKitFetch(actions, {
        url,
        get fetch() {
          return underlying.current;
        },
      }),
    }),
    [actions, url, domainKey],
  );
}
