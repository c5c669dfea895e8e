import type { StoryClock } from './createStoryClock.js';
import { storyStyles } from './storyStyles.js';
import { useStoryClockNow, useStoryClockSnapshot } from './useStoryClock.js';

/** Says whether the story clock follows real time or the play function drives it, and how far the story has run. */
export function StoryClockBadge({ clock }: { readonly clock: StoryClock }) {
  const { mode } = useStoryClockSnapshot(clock);
  const now = useStoryClockNow(clock, 250);
  const elapsed = (now - clock.startedAt) / 1000;
  return (
    <p style={storyStyles.note} data-testid="story-clock">
      Story clock: {mode === 'driven' ? 'driven by the play function' : 'follows real time'} · +
      {Math.max(0, elapsed).toFixed(1)} s
    </p>
  );
}
