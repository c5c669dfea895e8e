import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './scripts/findChromium.js';

// Workspace packages resolve to their TypeScript sources through this export condition, so the stories need no build.
const SOURCE_CONDITION = '@chatkit-session/source';

/**
 * Every story of `.storybook/` as a test in headless Chromium: each renders, runs its play function, and fails the
 * run when an `expect` in it fails. Run it alone with `npx vitest run --config vitest.storybook.config.ts`.
 */
export default defineConfig({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  test: {
    name: 'storybook',
    // No retries: every play function drives its story's clock (packages/react/stories/createStoryClock.ts), so no
    // story waits on real time, and a slow machine only makes a run slower, never different. A play waits in real
    // time only for the page to settle between two instants of its story (a request through MSW, a render).
    testTimeout: 30_000,
    // One story file at a time: the files share one Chromium and one MSW service worker.
    maxWorkers: 1,
    // Its own group, after the unit and HTTP tests: a different worker count needs one.
    sequence: { groupOrder: 1 },
    hookTimeout: 60_000,
    setupFiles: ['./.storybook/vitest.setup.ts'],
    provide: { storyScreenshotDirectory: fileURLToPath(new URL('./test-output/storybook', import.meta.url)) },
    browser: {
      enabled: true,
      headless: true,
      // Screenshots are written only by the stories that save one (into test-output/, which git ignores).
      api: { allowWrite: true },
      instances: [{ browser: 'chromium' }],
      provider: playwright({
        launchOptions: {
          executablePath: findChromium(),
          args: [...CHROMIUM_ARGS],
        },
      }),
    },
  },
});
