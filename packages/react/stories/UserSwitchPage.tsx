import { maskClientSecret, useChatKitApi, useChatKitCustomApi } from '@chatkit-session/react';
import { type ReactNode, useMemo, useState } from 'react';
import { BackendPanel } from './BackendPanel.js';
import { ChatCallLogPanel } from './ChatCallLogPanel.js';
import { ChatKitFetchStandIn } from './ChatKitFetchStandIn.js';
import { ChatKitServerPanel } from './ChatKitServerPanel.js';
import { ChatKitStandIn } from './ChatKitStandIn.js';
import { CHATKIT_ENDPOINT, createStoryChatKitServer } from './createStoryChatKitServer.js';
import { StoryPageHeader } from './StoryPageHeader.js';
import { StorySessionProvider } from './StorySessionProvider.js';
import type { SessionStoryArgs, SessionStoryLoaded } from './sessionStoryArgs.js';
import { storyFetch } from './storyFetch.js';
import { storyStyles } from './storyStyles.js';
import { type ChatCallLog, useChatCallLog } from './useChatCallLog.js';
import { useStoryClock } from './useStoryClock.js';

/** The users of the page. */
export const USERS = ['alice', 'bob'] as const;

/** The props of `UserSwitchPage`. */
export interface UserSwitchPageProps {
  readonly args: SessionStoryArgs;
  readonly loaded: SessionStoryLoaded;
  /** The page's name (the story's). */
  readonly title: string;
  readonly intro: ReactNode;
  /** ChatKit's mode: `hosted` (`getClientSecret`) or `custom` (its requests through `fetch` to the app's server). */
  readonly mode: 'hosted' | 'custom';
}

/**
 * A page where alice or bob signs in (the provider's `sessionKey`) and opens the chat, a ChatKit stand-in keyed by the
 * user as an app remounts ChatKit on a switch. Beside it, the log of ChatKit's calls (kept above the chat, so a
 * signed-out user's calls stay in it), the session backend's log and, in custom-backend mode, the ChatKit server's.
 */
export function UserSwitchPage({ args, loaded, title, intro, mode }: UserSwitchPageProps) {
  const [user, setUser] = useState<string>(USERS[0]);
  const [open, setOpen] = useState(false);
  const log = useChatCallLog();
  const [server] = useState(() => (mode === 'custom' ? createStoryChatKitServer(loaded.backend) : null));
  return (
    <div style={storyStyles.page}>
      <StoryPageHeader title={title} intro={intro} clock={loaded.clock} />
      <p style={{ display: 'flex', gap: 8, alignItems: 'center', margin: 0 }}>
        {USERS.map((name) => (
          <button
            key={name}
            type="button"
            style={{ ...storyStyles.button, fontWeight: user === name ? 700 : 400 }}
            onClick={() => setUser(name)}
          >
            Sign in as {name}
          </button>
        ))}
        <span style={storyStyles.note}>
          Signed in: <strong data-testid="signed-in">{user}</strong>
        </span>
        <button type="button" style={storyStyles.button} onClick={() => setOpen(!open)}>
          {open ? 'Close chat' : 'Chat with us'}
        </button>
      </p>
      <StorySessionProvider args={args} loaded={loaded} user={user}>
        <div style={storyStyles.row}>
          {!open ? (
            <section style={{ ...storyStyles.card, ...storyStyles.note }} aria-label="Chat closed">
              The chat is closed.
            </section>
          ) : mode === 'hosted' ? (
            <HostedChat key={user} user={user} track={log.track} />
          ) : (
            <CustomChat key={user} user={user} track={log.track} backendId={loaded.backend.id} />
          )}
          <ChatCallLogPanel calls={log.calls} backend={loaded.backend} />
        </div>
        <div style={storyStyles.row}>
          <BackendPanel backend={loaded.backend} />
          {server && <ChatKitServerPanel server={server} />}
        </div>
      </StorySessionProvider>
    </div>
  );
}

interface ChatProps {
  readonly user: string;
  readonly track: ChatCallLog['track'];
}

// The stand-in asks again on a timer; the play asks on its button instead, so no timer call lands mid-switch.
const ASK_AGAIN_AFTER_MS = 300_000;

/** ChatKit in hosted mode: `useChatKitApi()`, each `getClientSecret` call logged with the chat's user. */
function HostedChat({ user, track }: ChatProps) {
  const { getClientSecret } = useChatKitApi();
  const api = useMemo(
    () => ({
      getClientSecret: (given: string | null) =>
        track(user, `getClientSecret(${given === null ? 'null' : maskClientSecret(given)})`, getClientSecret(given)),
    }),
    [getClientSecret, track, user],
  );
  return <ChatKitStandIn api={api} timers={useStoryClock()} askAgainAfterMs={ASK_AGAIN_AFTER_MS} />;
}

/** ChatKit in custom-backend mode: `useChatKitCustomApi({ url, domainKey }).fetch`, each request logged with the user. */
function CustomChat({ user, track, backendId }: ChatProps & { readonly backendId: string }) {
  const clock = useStoryClock();
  const chatkit = useChatKitCustomApi({
    url: CHATKIT_ENDPOINT,
    domainKey: 'domain_pk_storybook',
    // The app's own `fetch` option: the story's routing, and the request as work on the story clock.
    fetch: (input, init) => storyFetch(clock, backendId, input, init),
  });
  const api = useMemo(
    () => ({
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        track(user, `fetch ${JSON.parse(String(init?.body)).op}`, chatkit.fetch(input, init)),
    }),
    [chatkit, track, user],
  );
  return <ChatKitFetchStandIn api={api} user={user} />;
}
