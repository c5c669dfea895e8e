import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through this export condition, so tests need no build.
const SOURCE_CONDITION = '@chatkit-session/source';

const resolveFromSource = {
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
};

export default defineConfig({
  test: {
    projects: [
      // Every story's play function in headless Chromium (see that file).
      './vitest.storybook.config.ts',
      {
        ...resolveFromSource,
        // Without `module`: OpenTelemetry's ESM build (used by the telemetry test) has extensionless imports that
        // Node refuses; its `node` build is what a Node app loads.
        ssr: { resolve: { conditions: [SOURCE_CONDITION, 'node', 'development|production'] } },
        test: {
          name: 'core',
          root: 'packages/core',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: '../../tsconfig.json' },
        },
      },
      {
        ...resolveFromSource,
        test: {
          name: 'server',
          root: 'packages/server',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
      {
        ...resolveFromSource,
        test: {
          name: 'examples',
          root: 'examples/vite-react',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          // Starts a real dev server and a real Chromium: slower than unit tests, still bounded. `pnpm test` runs it on
          // its own (test:browser), and its own group here keeps a plain `vitest run` from overlapping it with others.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 2 },
          // One file at a time: each starts a dev server and Chromium, and their renewals run on real time. No retries:
          // the flakes they hid were a controller bug (a renewal due between two clock readings waited for expiry).
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'nextjs',
          root: 'examples/nextjs',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          // Next imports the workspace packages from their dist/, as an installed app does: built here when stale.
          globalSetup: ['test/ensurePackagesBuilt.ts'],
          // `next build` (type-check and prerender), then `next start` and `next dev` with a real Chromium. `pnpm test`
          // runs it on its own (test:nextjs), after `pnpm build`; its own group keeps a plain `vitest run` from
          // overlapping it with the other browser suites, and one file at a time keeps one Next server running.
          testTimeout: 60_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 3 },
          fileParallelism: false,
        },
      },
      {
        ...resolveFromSource,
        test: {
          name: 'react',
          root: 'packages/react',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
