// Runs in the browser before the stories, in `vitest --config vitest.storybook.config.ts` only.
import { inject } from 'vitest';
import { page } from 'vitest/browser';

declare module 'vitest' {
  interface ProvidedContext {
    /** The absolute directory the story screenshots go to. */
    storyScreenshotDirectory: string;
  }
}

const directory = inject('storyScreenshotDirectory');

// Stories call this through `saveStoryScreenshot(name)`, which does nothing when it is missing (in Storybook).
Object.assign(globalThis, {
  __chatkitSessionStoryScreenshot: (name: string) => page.screenshot({ path: `${directory}/${name}.png` }),
});
