import type { ChatSessionProviderProps } from '@chatkit-session/react';
import type { ArgTypes } from '@storybook/react-vite';
import type { ComponentType } from 'react';
import { createStoryBackend, type StoryBackend, type StoryBackendOptions } from './createStoryBackend.js';
import { createStoryClock, type StoryClock } from './createStoryClock.js';
import { createStoryDevice, type StoryDevice } from './createStoryDevice.js';
import { FAILURE_SCRIPT_HELP } from './parseFailureScript.js';

/** The renewal policy of `ChatSessionProvider` a story may set. */
export type SessionPolicyArgs = Pick<
  ChatSessionProviderProps,
  | 'keepWarm'
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
  /** How far the browser's wall clock is off (from the story clock, the true time), in seconds. */
  readonly clientClockOffsetSeconds: number;
}

/** What `loadSessionStory` gives each story's render and play functions (`context.loaded`). */
export interface SessionStoryLoaded {
  /** The one clock of the story: the device and the backend run on it. */
  readonly clock: StoryClock;
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
    description: "How far the ChatKit API's clock is ahead of the true one, in seconds (its `Date` header moves too).",
    control: 'number',
    table: MOCK,
  },
  clientClockOffsetSeconds: {
    description: "How far the browser's wall clock is off, in seconds: 3600 is an hour ahead.",
    control: 'number',
    table: BROWSER,
  },
  sessionKey: { control: 'text', table: PROVIDER },
  keepWarm: { control: 'boolean', table: PROVIDER },
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

// Set by Vitest's browser mode (`pnpm test:storybook`), as in .storybook/preview.tsx.
const IS_TEST_RUN = '__vitest_browser__' in globalThis;

/** A 32-bit number from a story's id: each story draws its own jitter, the same on every run. */
function seedOf(id: string): number {
  let hash = 2_166_136_261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619);
  return hash >>> 0;
}

/**
 * The loader of the session stories: a story clock, a backend (the real handler in front of a mock ChatKit API) and
 * a device (the injected environment) on it, created from the story's args before it renders.
 *
 * The clock stands still from the first render, for the play function to drive (`storyPlay`), and follows real time
 * once the play is over (`releaseStoryClock`, the meta's `afterEach`). On a docs page, where no play runs, it follows
 * real time from the start. In Storybook the play's steps are paced to real time (at most 4 s each) for whoever
 * watches; in the test run they are not.
 *
 * @param context The story's context.
 * @returns `{ clock, backend, device }`, in `context.loaded`.
 */
export async function loadSessionStory({
  args,
  id,
  viewMode,
}: {
  readonly args: Partial<SessionStoryArgs>;
  readonly id: string;
  readonly viewMode: string;
}): Promise<SessionStoryLoaded> {
  const options = { ...sessionStoryArgs, ...args };
  // A person watching the play sees it unfold at (up to) real speed; the test runner does not wait.
  const clock = createStoryClock({ driven: viewMode !== 'docs', paced: !IS_TEST_RUN });
  return {
    clock,
    backend: createStoryBackend(options, clock),
    device: createStoryDevice({ clock, clockOffsetMs: options.clientClockOffsetSeconds * 1000, seed: seedOf(id) }),
  };
}

/**
 * The `afterEach` of the session stories: once the play function is over, the story clock follows real time, so a
 * person watching sees the session go on. (After a failed play it stays where the failure left it.)
 *
 * @param context The story's context.
 */
export function releaseStoryClock({ loaded }: { readonly loaded: Record<string, unknown> }): void {
  (loaded as Partial<SessionStoryLoaded>).clock?.followRealTime();
}

/**
 * Returns what `loadSessionStory` loaded, typed.
 *
 * @param loaded `context.loaded`.
 * @returns The clock, the backend and the device.
 */
export function sessionStoryLoaded(loaded: Record<string, unknown>): SessionStoryLoaded {
  const { clock, backend, device } = loaded as Partial<SessionStoryLoaded>;
  if (!clock || !backend || !device) throw new Error('This story needs `loaders: [loadSessionStory]` in its meta.');
  return { clock, backend, device };
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
