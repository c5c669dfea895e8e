import type { ReactNode } from 'react';
import type { StoryClock } from './createStoryClock.js';
import { StoryClockBadge } from './StoryClockBadge.js';
import { storyStyles } from './storyStyles.js';

/** The head of a story's page: its name, what it shows, and the story clock when the page shows its time. */
export function StoryPageHeader({ title, intro, clock }: { title: string; intro: ReactNode; clock?: StoryClock }) {
  return (
    <header>
      <h2 style={{ margin: '0 0 4px', fontSize: 18 }}>{title}</h2>
      <p style={storyStyles.note}>{intro}</p>
      {clock && <StoryClockBadge clock={clock} />}
    </header>
  );
}
