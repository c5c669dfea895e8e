import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './findChromium.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOT = join(ROOT, 'test-output', 'demo.png');
// Short enough to see a renewal within seconds, long enough that it is due well before expiry (the controller renews
// no sooner than 5 s after a request, and counts a lifetime from one second before the server's Date header).
const LIFETIME_SECONDS = 10;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// Empty values win over any .env file, so the test always runs on the mock API.
const TEST_ENV = {
  CHATKIT_MOCK_LIFETIME_SECONDS: String(LIFETIME_SECONDS),
  OPENAI_API_KEY: '',
  CHATKIT_WORKFLOW_ID: '',
};

let server: ViteDevServer | undefined;
let browser: Browser | undefined;
let page: Page;
const savedEnv = new Map<string, string | undefined>();

// Reads without waiting: an element that is not there yet reads as ''.
const textOf = async (testId: string) => (await page.getByTestId(testId).allTextContents()).join('').trim();

/** Polls an element's text from Node, bounded by `timeout` ms: this is a real browser on a real server. */
const pollText = (testId: string, timeout: number) => expect.poll(() => textOf(testId), { timeout, interval: 100 });

type StatusWindow = Window & { statusesSeen?: string[] };

/** Runs in the page: records every status the page shows, so a test can tell it never left "active". */
function recordStatuses() {
  const seen: string[] = [];
  (window as StatusWindow).statusesSeen = seen;
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="session-status"]')?.textContent ?? '';
    if (status && seen.at(-1) !== status) seen.push(status);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

beforeAll(async () => {
  const executablePath = findChromium();
  for (const [name, value] of Object.entries(TEST_ENV)) {
    savedEnv.set(name, process.env[name]);
    process.env[name] = value;
  }
  server = await createServer({
    configFile: join(ROOT, 'vite.config.ts'),
    root: ROOT,
    cacheDir: join(ROOT, 'node_modules', '.vite-test'),
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The demo dev server did not report its URL.');
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.addInitScript(recordStatuses);
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the vite-react demo', () => {
  it('shows an active session from the mock API when the page opens', async () => {
    await pollText('session-status', 20_000).toBe('active');
    expect(await textOf('mode')).toContain('Mock ChatKit API');
    expect(await textOf('secret')).toMatch(/^ek_…[0-9a-f]{6}$/);
    expect(await textOf('chat-placeholder')).toContain('ChatKit mounts here when OPENAI_API_KEY');
  });

  it('renews the session with a new secret before it expires', async () => {
    const first = await textOf('secret');
    await pollText('secret', LIFETIME_SECONDS * 1000 + 5000).not.toBe(first);
    expect(await textOf('secret')).toMatch(/^ek_…[0-9a-f]{6}$/);
    expect(await textOf('session-status')).toMatch(/^(active|refreshing)$/);
    expect(await textOf('timeline')).toContain('renewed');
    expect(await textOf('request-log')).toContain('scheduled');
    await expect.poll(async () => Number(await textOf('request-count')), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  });

  it('surfaces a failed renewal while the session stays active when the mock fails with 503', async () => {
    const secret = await textOf('secret');
    await page.getByRole('button', { name: 'Fail next with 503' }).click();
    await pollText('last-error-status', 5000).toBe('502');
    expect(await textOf('last-error-message')).toContain('failed with status 503');
    expect(await textOf('last-error-kind')).toBe('server');
    expect(await textOf('last-error-request-id')).toMatch(/^req_/);
    expect(await textOf('session-status')).toMatch(/^(active|refreshing)$/);
    expect(await textOf('timeline')).toContain('server 502, retrying');
    // The retry after the failure brings a new session; the old secret served meanwhile.
    await pollText('secret', 5000).not.toBe(secret);
    await pollText('session-status', 5000).toBe('active');
    const statuses = (await page.evaluate(() => (window as StatusWindow).statusesSeen)) ?? [];
    const sinceActive = statuses.slice(statuses.indexOf('active'));
    expect(sinceActive.length).toBeGreaterThan(1);
    expect(sinceActive.filter((status) => status !== 'active' && status !== 'refreshing')).toEqual([]);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(0);
  });
});
