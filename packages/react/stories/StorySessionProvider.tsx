import { createTabSync, type FetchSessionContext } from '@chatkit-session/core';
import { ChatSessionProvider, type ChatSessionProviderProps } from '@chatkit-session/react';
import { type ReactNode, useCallback, useEffect } from 'react';
import { SESSION_ENDPOINT, STORY_USER_HEADER } from './createStoryBackend.js';
import type { SessionStoryArgs, SessionStoryLoaded } from './sessionStoryArgs.js';
import { storyFetch } from './storyFetch.js';
import { StoryClockContext } from './useStoryClock.js';

/** The props of `StorySessionProvider`. */
export interface StorySessionProviderProps {
  readonly args: SessionStoryArgs;
  readonly loaded: SessionStoryLoaded;
  /** Who is signed in: the provider's `sessionKey`, and the user the handler resolves. Defaults to the args'. */
  readonly user?: string | null;
  readonly children?: ReactNode;
}

const POLICY_KEYS = [
  'keepWarm',
  'refreshWindow',
  'minValidityMs',
  'minRefreshIntervalMs',
  'requestTimeoutMs',
  'retryBaseDelayMs',
  'retryMaxDelayMs',
  'timerChunkMs',
] as const;

function pickPolicy(args: SessionStoryArgs): Omit<ChatSessionProviderProps, 'fetchSession'> {
  const policy = Object.fromEntries(POLICY_KEYS.flatMap((key) => (args[key] === undefined ? [] : [[key, args[key]]])));
  return args.shareAcrossTabs ? { ...policy, shareAcrossTabs: createTabSync } : policy;
}

/**
 * A `ChatSessionProvider` wired as an app would wire it (`fetchSession` posts to `/api/chatkit/session`), to the
 * story's backend and device. Changed controls reach the mock at once; a changed policy starts a new provider. Each
 * request counts as real work on the story clock until its answer is in, so a play function's `settle` waits for it.
 */
export function StorySessionProvider({ args, loaded, user, children }: StorySessionProviderProps) {
  const { backend, device } = loaded;
  const sessionKey = user === undefined ? (args.sessionKey ?? null) : user;
  useEffect(() => backend.configure(args), [backend, args]);
  useEffect(() => device.setClockOffset(args.clientClockOffsetSeconds * 1000), [device, args.clientClockOffsetSeconds]);
  // What an app writes (a POST whose Response goes back as it is), with the story's bookkeeping (`storyFetch`): the
  // user header stands in for the app's sign-in cookie.
  const fetchSession = useCallback(
    async ({ signal, reason }: FetchSessionContext) => {
      // The device panel's "offline" is a real one for this app: its requests fail as the browser's would.
      if (!device.getSnapshot().online) throw new TypeError('Failed to fetch');
      return storyFetch(device.clock, backend.id, SESSION_ENDPOINT, {
        method: 'POST',
        signal,
        headers: { 'Content-Type': 'application/json', ...(sessionKey ? { [STORY_USER_HEADER]: sessionKey } : {}) },
        body: JSON.stringify({ reason }),
      });
    },
    [backend, device, sessionKey],
  );
  const policy = pickPolicy(args);
  return (
    <StoryClockContext value={device.clock}>
      <ChatSessionProvider
        // A changed policy (sharing included: a function does not survive JSON) starts a new provider.
        key={JSON.stringify({ ...policy, shareAcrossTabs: Boolean(policy.shareAcrossTabs) })}
        fetchSession={fetchSession}
        sessionKey={sessionKey}
        environment={device.environment}
        {...policy}
      >
        {children}
      </ChatSessionProvider>
    </StoryClockContext>
  );
}
