import { createTabSync, type FetchSessionContext } from '@chatkit-session/core';
import { ChatSessionProvider, type ChatSessionProviderProps } from '@chatkit-session/react';
import { type ReactNode, useCallback, useEffect } from 'react';
import { SESSION_ENDPOINT, STORY_BACKEND_HEADER, STORY_USER_HEADER, STORY_WORK_HEADER } from './createStoryBackend.js';
import type { SessionStoryArgs, SessionStoryLoaded } from './sessionStoryArgs.js';
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
  // What an app writes (a POST whose Response goes back as it is), with the story's bookkeeping: the x-storybook
  // headers stand in for routing and the app's sign-in cookie, and the request is real work on the story clock until
  // its body is in.
  const fetchSession = useCallback(
    async ({ signal, reason }: FetchSessionContext) => {
      // The device panel's "offline" is a real one for this app: its requests fail as the browser's would.
      if (!device.getSnapshot().online) throw new TypeError('Failed to fetch');
      const work = device.clock.beginWork();
      try {
        const response = await fetch(SESSION_ENDPOINT, {
          method: 'POST',
          signal,
          headers: {
            'Content-Type': 'application/json',
            [STORY_BACKEND_HEADER]: backend.id,
            [STORY_WORK_HEADER]: work.id,
            ...(sessionKey ? { [STORY_USER_HEADER]: sessionKey } : {}),
          },
          body: JSON.stringify({ reason }),
        });
        // The body is read here, inside the work: the provider then reads it from memory.
        const body = await response.arrayBuffer();
        return new Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      } finally {
        work.end();
      }
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
