/** What the Vitest set-up file (`.storybook/vitest.setup.ts`) installs: a screenshot of the story's page. */
export type StoryScreenshotTaker = (name: string) => Promise<string>;

/** Where the Vitest set-up file installs the screenshot taker; absent in Storybook itself. */
export const STORY_SCREENSHOT_GLOBAL = '__chatkitSessionStoryScreenshot';

/**
 * Saves a screenshot of the story as `test-output/storybook/<name>.png` when the story runs as a test in Vitest's
 * browser mode; does nothing in Storybook.
 *
 * @param name The file's name, without extension.
 * @returns The file's path, or `null` outside of a test run.
 */
export async function saveStoryScreenshot(name: string): Promise<string | null> {
  const take = (globalThis as Record<string, unknown>)[STORY_SCREENSHOT_GLOBAL] as StoryScreenshotTaker | undefined;
  return take ? take(name) : null;
}
