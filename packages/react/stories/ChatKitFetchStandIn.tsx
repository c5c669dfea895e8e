import { useCallback, useEffect } from 'react';
import { CHATKIT_ENDPOINT } from './createStoryChatKitServer.js';
import { storyStyles } from './storyStyles.js';

/** The props of `ChatKitFetchStandIn`. */
export interface ChatKitFetchStandInProps {
  /** ChatKit's `api` option in custom-backend mode (its `fetch`, as `useChatKitCustomApi({ url, domainKey })` returns it). */
  readonly api: { readonly fetch: typeof fetch };
  /** The user whose thread it shows. */
  readonly user: string;
}

/**
 * A stand-in for `<openai-chatkit>` in custom-backend mode: every request to the app's ChatKit server goes through
 * `api.fetch`, which adds the Bearer token. It loads the user's thread when it mounts and sends a message on a button;
 * each request names the thread's user, as ChatKit's do by their thread id.
 */
export function ChatKitFetchStandIn({ api, user }: ChatKitFetchStandInProps) {
  const send = useCallback(
    (op: string) =>
      void api
        .fetch(CHATKIT_ENDPOINT, { method: 'POST', body: JSON.stringify({ op, threadOf: user }) })
        // Its outcome is in the page's log of ChatKit's calls.
        .catch(() => undefined),
    [api, user],
  );
  useEffect(() => send('threads.get'), [send]);
  return (
    <section
      aria-label="ChatKit stand-in (custom backend)"
      style={{ ...storyStyles.card, border: '2px dashed #bf8700', background: '#fff8c5' }}
    >
      <h3 style={storyStyles.title}>Stand-in for {'<openai-chatkit>'} (custom backend): not ChatKit</h3>
      <p style={storyStyles.note}>
        {user}'s thread. Sends each request to {CHATKIT_ENDPOINT} through api.fetch, which adds the Bearer token.
      </p>
      <button type="button" style={{ ...storyStyles.button, marginTop: 8 }} onClick={() => send('messages.send')}>
        Send a message
      </button>
    </section>
  );
}
