import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/findChromium.js';

/** The example's root folder. */
export const DEMO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A running demo: its URL, a Chromium to drive it, and a way to stop both. */
export interface RunningDemo {
  readonly url: string;
  readonly browser: Browser;
  /** How many sessions the mock API created so far. */
  createdSessions(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the demo's Vite dev server on a free port against the mock API, and Debian's Chromium (never a download).
 *
 * @param lifetimeSeconds The mock's session lifetime.
 * @param cacheName A Vite cache folder of its own, so test files running side by side do not share one.
 * @returns The running demo.
 */
export async function startDemo(lifetimeSeconds: number, cacheName: string): Promise<RunningDemo> {
  const executablePath = findChromium();
  // Empty values win over any .env file, so the test always runs on the mock API.
  const env = { CHATKIT_MOCK_LIFETIME_SECONDS: String(lifetimeSeconds), OPENAI_API_KEY: '', CHATKIT_WORKFLOW_ID: '' };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const server = await createServer({
    configFile: join(DEMO_ROOT, 'vite.config.ts'),
    root: DEMO_ROOT,
    cacheDir: join(DEMO_ROOT, 'node_modules', cacheName),
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The demo dev server did not report its URL.');
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  return {
    url,
    browser,
    async createdSessions() {
      const response = await fetch(new URL('/api/mock/calls', url));
      return ((await response.json()) as { created: number }).created;
    },
    async close() {
      await browser.close();
      await server.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

type StatusWindow = Window & { statusesSeen?: string[] };

/** Runs in the page: records every status the page shows, so a test can tell it never left "active". */
export function recordStatuses() {
  const seen: string[] = [];
  (window as StatusWindow).statusesSeen = seen;
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="session-status"]')?.textContent ?? '';
    if (status && seen.at(-1) !== status) seen.push(status);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Runs in the page: the statuses it showed since it first became active. */
export function statusesSinceActive(): string[] {
  const seen = (window as StatusWindow).statusesSeen ?? [];
  return seen.slice(seen.indexOf('active'));
}
