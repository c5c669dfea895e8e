import type { ReactNode } from 'react';
import { BackendPanel } from './BackendPanel.js';
import { DevicePanel } from './DevicePanel.js';
import { SessionPanel } from './SessionPanel.js';
import { SessionTimeline } from './SessionTimeline.js';
import { StoryPageHeader } from './StoryPageHeader.js';
import { StorySessionProvider } from './StorySessionProvider.js';
import { type SessionStoryArgs, type SessionStoryLoaded, sessionStoryLoaded } from './sessionStoryArgs.js';
import { storyStyles } from './storyStyles.js';

/** The props of `SessionScenario`. */
export interface SessionScenarioProps {
  readonly args: SessionStoryArgs;
  readonly loaded: SessionStoryLoaded;
  /** The scenario's name (the story's). */
  readonly title: string;
  /** What the scenario shows, in a sentence or two. */
  readonly intro: ReactNode;
  /** Whether to show the device panel (clock, network, sleep). Defaults to `false`. */
  readonly device?: boolean;
  /** Whether to draw the timeline. Defaults to `true`. */
  readonly timeline?: boolean;
  /** The shortest span of the timeline, in seconds. Defaults to `30`. */
  readonly timelineSeconds?: number;
  /** More of the app, inside the provider. */
  readonly children?: ReactNode;
}

/** The frame of a session story: the provider on the story's backend, the session, the backend and a timeline. */
export function SessionScenario({
  args,
  loaded,
  title,
  intro,
  device = false,
  timeline = true,
  timelineSeconds = 30,
  children,
}: SessionScenarioProps) {
  return (
    <div style={storyStyles.page}>
      <StoryPageHeader title={title} intro={intro} clock={loaded.clock} />
      <StorySessionProvider args={args} loaded={loaded}>
        <div style={storyStyles.row}>
          <SessionPanel />
          <BackendPanel backend={loaded.backend} />
          {device && <DevicePanel device={loaded.device} backend={loaded.backend} />}
        </div>
        {children}
        {timeline && <SessionTimeline backend={loaded.backend} minSpanSeconds={timelineSeconds} />}
      </StorySessionProvider>
    </div>
  );
}

/**
 * Returns a story's render function that shows `SessionScenario` with the story's args, loaded backend and name.
 *
 * @param props What the scenario shows besides those.
 * @returns The render function.
 */
export function renderScenario(props: Omit<SessionScenarioProps, 'args' | 'loaded' | 'title'>) {
  return (args: SessionStoryArgs, context: { readonly name: string; readonly loaded: Record<string, unknown> }) => (
    <SessionScenario args={args} loaded={sessionStoryLoaded(context.loaded)} title={context.name} {...props} />
  );
}
