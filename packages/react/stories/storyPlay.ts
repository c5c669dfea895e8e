import { waitFor, within } from 'storybook/test';
import { type SessionStoryLoaded, sessionStoryLoaded } from './sessionStoryArgs.js';

/** The parts of a story's canvas the play functions read, by `data-testid`. */
export type StoryField =
  | 'status'
  | 'secret'
  | 'session-user'
  | 'seconds-left'
  | 'seconds-until-refresh'
  | 'attempt'
  | 'error'
  | 'upstream-calls'
  | 'endpoint-requests'
  | 'device-clock'
  | 'network';

/**
 * Returns what a play function of a session story uses: readers of its canvas, and the story clock to drive. The
 * clock stands still from the story's first render (see `loadSessionStory`) until the play moves it, and follows
 * real time again once the play is over (`releaseStoryClock`).
 *
 * @param context The play function's context.
 * @returns The readers, the clock's drivers, and the story's backend, device and clock.
 */
export function storyPlay(context: { readonly canvasElement: HTMLElement; readonly loaded: Record<string, unknown> }) {
  const loaded: SessionStoryLoaded = sessionStoryLoaded(context.loaded);
  const { clock } = loaded;
  /** Testing Library queries bound to the story's canvas. */
  const canvas = within(context.canvasElement);
  /** The text of a field. */
  const read = (field: StoryField) => canvas.getByTestId(field).textContent ?? '';
  return {
    ...loaded,
    canvas,
    read,
    /** The number a field starts with. */
    number: (field: StoryField) => Number.parseInt(read(field), 10),
    /**
     * Waits in real time, while the story clock stands still, until `check` stops throwing: for what happens without
     * time passing on the story's clock (a render, a request on its way). At most `timeoutMs` of real time.
     */
    until: <T>(check: () => T, timeoutMs = 5_000) => waitFor(check, { timeout: timeoutMs, interval: 50 }),
    /** Waits until the page is quiet: every request that does not wait on the story clock answered, React rendered. */
    settle: clock.settle,
    /** Moves the story clock on by `ms`, firing every timer that comes due, in order, and settling after each. */
    async advance(ms: number): Promise<void> {
      await clock.advance(ms);
    },
    /**
     * Moves the story clock on, timer by timer, until `check` stops throwing; throws its last error when it still
     * throws after `withinMs` on the story clock.
     *
     * @returns How far the clock moved, in milliseconds.
     */
    async advanceUntil(check: () => void, withinMs: number): Promise<number> {
      const from = clock.now();
      let failure: unknown = null;
      const passes = () => {
        try {
          check();
          return true;
        } catch (error) {
          failure = error;
          return false;
        }
      };
      if (await clock.advance(withinMs, { onStop: passes })) return clock.now() - from;
      throw failure;
    },
  };
}
