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
    // The scenarios wait on real time (renewals of 10-second sessions): seconds each, bounded here.
    testTimeout: 60_000,
    // One story file at a time, and a story retried up to twice: the scenarios run on real time in a real browser,
    // and on a loaded two-core machine a timing window is now and then missed (a failing story still fails 3 times).
    maxWorkers: 1,
    retry: 2,
    // Its own group, after the unit and HTTP tests: a different worker count needs one, and real-time browser
    // scenarios are steadier without the rest of the suite competing for two cores.
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
