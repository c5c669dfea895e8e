import type { ChatSessionProviderProps } from '@chatkit-session/react';
import type { ArgTypes } from '@storybook/react-vite';
import type { ComponentType } from 'react';
import { createStoryBackend, type StoryBackend, type StoryBackendOptions } from './createStoryBackend.js';
import { createStoryDevice, type StoryDevice } from './createStoryDevice.js';
import { FAILURE_SCRIPT_HELP } from './parseFailureScript.js';

/** The renewal policy of `ChatSessionProvider` a story may set. */
export type SessionPolicyArgs = Pick<
  ChatSessionProviderProps,
  | 'refreshWindow'
  | 'minValidityMs'
  | 'minRefreshIntervalMs'
  | 'requestTimeoutMs'
  | 'retryBaseDelayMs'
  | 'retryMaxDelayMs'
  | 'timerChunkMs'
  | 'sessionKey'
> & {
  /** Whether the provider shares one session across tabs (it is given `createTabSync`). */
  readonly shareAcrossTabs?: boolean;
};

/** The controls of the session stories: the mock ChatKit API, the browser's clock, and the provider's policy. */
export interface SessionStoryArgs extends StoryBackendOptions, SessionPolicyArgs {
  /** How far the browser's wall clock is off, in seconds. */
  readonly clientClockOffsetSeconds: number;
}

/** What `loadSessionStory` gives each story's render and play functions (`context.loaded`). */
export interface SessionStoryLoaded {
  readonly backend: StoryBackend;
  readonly device: StoryDevice;
}

/** The defaults: short sessions, so that renewals happen while you watch. */
export const sessionStoryArgs: SessionStoryArgs = {
  lifetimeSeconds: 10,
  latencyMs: 150,
  failureScript: '',
  upstreamClockOffsetSeconds: 0,
  clientClockOffsetSeconds: 0,
};

const MOCK = { category: 'Mock ChatKit API (behind the real handler)' };
const BROWSER = { category: 'Browser' };
const PROVIDER = { category: 'ChatSessionProvider' };

/** The controls' descriptions; the provider's own props keep their JSDoc from the docs. */
export const sessionStoryArgTypes: Partial<ArgTypes<SessionStoryArgs & ChatSessionProviderProps>> = {
  lifetimeSeconds: {
    description: 'Lifetime of each new session, in seconds (OpenAI allows 1 to 600).',
    control: { type: 'range', min: 2, max: 600, step: 1 },
    table: MOCK,
  },
  latencyMs: {
    description: 'How long the mock ChatKit API takes to answer, in milliseconds.',
    control: { type: 'range', min: 0, max: 5_000, step: 50 },
    table: MOCK,
  },
  failureScript: { description: FAILURE_SCRIPT_HELP, control: 'text', table: MOCK },
  upstreamClockOffsetSeconds: {
    description: "How far the ChatKit API's clock is ahead of the real one, in seconds (its `Date` header moves too).",
    control: 'number',
    table: MOCK,
  },
  clientClockOffsetSeconds: {
    description: "How far the browser's wall clock is off, in seconds: 3600 is an hour ahead.",
    control: 'number',
    table: BROWSER,
  },
  sessionKey: { control: 'text', table: PROVIDER },
  refreshWindow: { control: 'object', table: PROVIDER },
  minValidityMs: { control: 'number', table: PROVIDER },
  minRefreshIntervalMs: { control: 'number', table: PROVIDER },
  requestTimeoutMs: { control: 'number', table: PROVIDER },
  retryBaseDelayMs: { control: 'number', table: PROVIDER },
  retryMaxDelayMs: { control: 'number', table: PROVIDER },
  timerChunkMs: { control: 'number', table: PROVIDER },
  shareAcrossTabs: { control: 'boolean', table: PROVIDER },
  fetchSession: { control: false, table: PROVIDER },
  environment: { control: false, table: PROVIDER },
  queryClient: { control: false, table: PROVIDER },
  initialSession: { control: false, table: PROVIDER },
  children: { control: false, table: PROVIDER },
};

/**
 * The loader of the session stories: a backend (the real handler in front of a mock ChatKit API) and a device (the
 * injected environment) for each story, created from its args before it renders.
 *
 * @param context The story's context.
 * @returns `{ backend, device }`, in `context.loaded`.
 */
export async function loadSessionStory({ args }: { args: Partial<SessionStoryArgs> }): Promise<SessionStoryLoaded> {
  const options = { ...sessionStoryArgs, ...args };
  return {
    backend: createStoryBackend(options),
    device: createStoryDevice({ clockOffsetMs: options.clientClockOffsetSeconds * 1000 }),
  };
}

/**
 * Returns what `loadSessionStory` loaded, typed.
 *
 * @param loaded `context.loaded`.
 * @returns The backend and the device.
 */
export function sessionStoryLoaded(loaded: Record<string, unknown>): SessionStoryLoaded {
  const { backend, device } = loaded as Partial<SessionStoryLoaded>;
  if (!backend || !device) throw new Error('This story needs `loaders: [loadSessionStory]` in its meta.');
  return { backend, device };
}

/**
 * Returns a component typed for a meta whose args are the scenario's controls rather than the component's props, so
 * its docs page still shows the component's JSDoc and props table.
 *
 * @param component The component the docs page documents.
 * @returns The same component.
 */
export function documentedComponent(component: ComponentType<never>): ComponentType<SessionStoryArgs> {
  return component as ComponentType<SessionStoryArgs>;
}
