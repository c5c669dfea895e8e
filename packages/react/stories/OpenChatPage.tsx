import { maskClientSecret, useChatKitApi, usePrefetchChatSession } from '@chatkit-session/react';
import { type ReactNode, useState } from 'react';
import { BackendPanel } from './BackendPanel.js';
import { ChatKitStandIn } from './ChatKitStandIn.js';
import type { StoryBackend } from './createStoryBackend.js';
import { SessionTimeline } from './SessionTimeline.js';
import { StoryPageHeader } from './StoryPageHeader.js';
import { StorySessionProvider } from './StorySessionProvider.js';
import type { SessionStoryArgs, SessionStoryLoaded } from './sessionStoryArgs.js';
import { storyStyles } from './storyStyles.js';
import { useStoryBackend } from './useStoryBackend.js';
import { useStoryClock, useStoryClockNow } from './useStoryClock.js';

/** The props of `OpenChatPage`. */
export interface OpenChatPageProps {
  readonly args: SessionStoryArgs;
  readonly loaded: SessionStoryLoaded;
  /** The page's name (the story's). */
  readonly title: string;
  /** What the page shows, in a sentence or two. */
  readonly intro: ReactNode;
  /** Whether the chat button calls `usePrefetchChatSession()` on pointer enter and focus. Defaults to `false`. */
  readonly prefetchOnIntent?: boolean;
  /** How long after each secret the ChatKit stand-in asks for the next one, in milliseconds. */
  readonly askAgainAfterMs: number;
}

/**
 * A page whose chat opens on a button, as most sites have it: the provider at the top, the ChatKit stand-in mounted
 * only while the chat is open. Nothing else on the page reads the session, so only the open chat keeps it renewed;
 * the status line and the panels read the backend's request log.
 */
export function OpenChatPage({ args, loaded, title, intro, ...chat }: OpenChatPageProps) {
  const keepWarm = args.keepWarm === true;
  const [open, setOpen] = useState(false);
  return (
    <div style={storyStyles.page}>
      <StoryPageHeader title={title} intro={intro} clock={loaded.clock} />
      <StorySessionProvider args={args} loaded={loaded}>
        <p style={{ display: 'flex', gap: 16, alignItems: 'center', margin: 0 }}>
          <ChatButton open={open} prefetchOnIntent={chat.prefetchOnIntent} onClick={() => setOpen(!open)} />
          <StatusLine backend={loaded.backend} open={open} keepWarm={keepWarm} />
        </p>
        <div style={storyStyles.row}>
          {open ? (
            <Chat askAgainAfterMs={chat.askAgainAfterMs} />
          ) : (
            <section style={{ ...storyStyles.card, ...storyStyles.note }} aria-label="Chat closed">
              The chat is closed: no ChatKit on the page, nothing that calls useChatKitApi().
            </section>
          )}
          <BackendPanel backend={loaded.backend} rows={12} />
        </div>
        <SessionTimeline backend={loaded.backend} minSpanSeconds={120} />
      </StorySessionProvider>
    </div>
  );
}

/** Opens and closes the chat; with `prefetchOnIntent`, gets the secret ready when the pointer or focus reaches it. */
function ChatButton(props: { open: boolean; prefetchOnIntent: boolean | undefined; onClick: () => void }) {
  const prefetch = usePrefetchChatSession();
  const intent = props.prefetchOnIntent ? { onPointerEnter: prefetch, onFocus: prefetch } : {};
  return (
    <button type="button" style={storyStyles.button} onClick={props.onClick} {...intent}>
      {props.open ? 'Close chat' : 'Chat with us'}
    </button>
  );
}

/** The chat: ChatKit (here its stand-in) with `useChatKitApi()`, which keeps the session renewed while mounted. */
function Chat({ askAgainAfterMs }: { askAgainAfterMs: number }) {
  const api = useChatKitApi();
  return <ChatKitStandIn api={api} timers={useStoryClock()} askAgainAfterMs={askAgainAfterMs} />;
}

/** Whether the chat is open and what the latest secret the backend handed out has left: read from its log, not held. */
function StatusLine({ backend, open, keepWarm }: { backend: StoryBackend; open: boolean; keepWarm: boolean }) {
  const { requests } = useStoryBackend(backend);
  const now = useStoryClockNow(backend.clock, 250);
  const latest = requests.findLast((request) => request.outcome === 'session');
  const expiresAt = latest?.expiresAt ?? null;
  return (
    <span style={storyStyles.note}>
      Chat: <strong data-testid="chat-state">{open ? 'open' : 'closed'}</strong>
      {keepWarm && ' (keepWarm)'} · latest secret ({maskClientSecret(latest?.secret ?? null)}):{' '}
      <strong data-testid="latest-secret">
        {expiresAt === null
          ? 'none'
          : expiresAt > now
            ? `valid for ${Math.ceil((expiresAt - now) / 1000)} s`
            : `expired at +${((expiresAt - backend.startedAt) / 1000).toFixed(1)} s`}
      </strong>
    </span>
  );
}
