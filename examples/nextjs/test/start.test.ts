import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildNext,
  isHydrated,
  LIFETIME_SECONDS,
  launchChromium,
  type RunningNext,
  recordProblems,
  recordRequests,
  startNext,
} from './startNext.js';

const MASKED_SESSION_SECRET = /^ek_…[0-9a-f]{4}$/;

let buildOutput: string;
let server: RunningNext;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

// Reads without waiting: an element that is not there yet reads as ''.
const textOf = async (testId: string) => (await page.getByTestId(testId).allTextContents()).join('').trim();

/** Polls an element's text from Node, bounded by `timeout` ms: a real browser on a real server. */
const pollText = (testId: string, timeout: number) => expect.poll(() => textOf(testId), { timeout, interval: 100 });

type MarkedWindow = Window & { loadingShown?: boolean; sameDocument?: boolean };

/** Runs in the page: notes whether `app/loading.tsx`'s fallback ever showed. */
function watchForLoadingFallback() {
  const marked = window as MarkedWindow;
  marked.loadingShown = false;
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="route-loading"]')) marked.loadingShown = true;
  }).observe(document, { subtree: true, childList: true });
}

beforeAll(async () => {
  buildOutput = await buildNext(240_000);
  server = await startNext('start', 30_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  problems = recordProblems(page);
});

afterEach(async () => {
  await context?.close();
});

describe('the Next.js example under next build + next start', () => {
  it('builds without an error and prerenders the Suspense fallbacks without a secret', async () => {
    expect(buildOutput).toContain('Compiled successfully');
    // Under CI (CI=true, a clean clone) Next warns that it has no build cache to reuse: true of every first
    // build, and about the machine, not the app. Every other warning or error fails the test.
    const linesThatCount = buildOutput.split('\n').filter((line) => !line.includes('No build cache found'));
    expect(linesThatCount.join('\n')).not.toMatch(/error|⨯|⚠/i);
    const home = await (await fetch(new URL('/', server.url))).text();
    expect(home).toContain('data-testid="session-fallback"');
    expect(home).toContain('BAILOUT_TO_CLIENT_SIDE_RENDERING');
    expect(home).not.toMatch(/ek_[0-9a-z]/);
    const chat = await (await fetch(new URL('/chat', server.url))).text();
    expect(chat).toContain('data-testid="route-loading"');
    expect(chat).not.toMatch(/ek_[0-9a-z]/);
  });

  it('renders the session on a direct load with one initial request, and renews it on schedule', async () => {
    const requests = recordRequests(page, '/api/chatkit/session');
    await page.goto(server.url);
    await pollText('suspense-secret', 20_000).toMatch(MASKED_SESSION_SECRET);
    expect(await textOf('session-status')).toBe('active');
    expect(requests.map((request) => request.reason)).toEqual(['initial']);
    await pollText('stand-in-calls', 5000).toBe('getClientSecret: 1 calls, 1 resolved, 0 rejected');

    const first = await textOf('suspense-secret');
    await pollText('suspense-secret', LIFETIME_SECONDS * 1000 + 5000).not.toBe(first);
    expect(await textOf('suspense-secret')).toMatch(MASKED_SESSION_SECRET);
    expect(await textOf('session-status')).toMatch(/^(active|refreshing)$/);
    expect(requests.map((request) => request.reason)).toEqual(['initial', 'scheduled']);
    // Renewed before a quarter of the short lifetime is left, less what a renewal may take (two retries with backoff
    // are seconds, much of 15 s), and never sooner than the 5 s minimum spacing (less the two clocks' difference).
    const [initial, scheduled] = requests as [(typeof requests)[0], (typeof requests)[0]];
    const renewedAfterMs = scheduled.sentAt - initial.sentAt;
    expect(renewedAfterMs).toBeGreaterThan(4500);
    expect(renewedAfterMs).toBeLessThan(LIFETIME_SECONDS * 750);
    await expect.poll(() => requests.map((request) => request.status), { timeout: 5000 }).toEqual([200, 200]);
    expect(problems).toEqual([]);
  });

  it('renders the session after a client-side navigation from the About page, under loading.tsx', async () => {
    await page.addInitScript(watchForLoadingFallback);
    const requests = recordRequests(page, '/api/chatkit/session');
    await page.goto(new URL('/about', server.url).href);
    const link = '[data-testid="link-to-chat"]';
    await page.waitForFunction(isHydrated, link, { timeout: 10_000 });
    // A full page load would forget this: it shows the navigation stayed in the page.
    await page.evaluate(() => {
      (window as MarkedWindow).sameDocument = true;
    });
    expect(requests).toEqual([]);

    await page.click(link);
    await pollText('suspense-secret', 20_000).toMatch(MASKED_SESSION_SECRET);
    expect(new URL(page.url()).pathname).toBe('/chat');
    expect(await page.evaluate(() => (window as MarkedWindow).sameDocument)).toBe(true);
    expect(await page.evaluate(() => (window as MarkedWindow).loadingShown)).toBe(true);
    expect(requests.map((request) => request.reason)).toEqual(['initial']);
    expect(problems).toEqual([]);
  });

  it('keeps the custom-backend chat working across a refused token, with one renewal and one replay', async () => {
    const tokens = recordRequests(page, '/api/chatkit/token');
    const chats = recordRequests(page, '/api/chatkit');
    await page.goto(new URL('/custom-backend', server.url).href);
    await pollText('session-status', 20_000).toBe('active');

    const send = async (message: string) => {
      await page.getByLabel('Message').fill(message);
      await page.getByRole('button', { name: 'Send' }).click();
    };
    await send('first');
    await pollText('chat-lines', 10_000).toBe('You said “first”.');
    expect(tokens.map((token) => token.reason)).toEqual(['initial']);
    await expect.poll(() => chats.map((chat) => chat.status), { timeout: 5000 }).toEqual([200]);

    const refusal = await fetch(new URL('/api/dev/refuse-token', server.url), { method: 'POST' });
    expect(((await refusal.json()) as { refused: string | null }).refused).toMatch(/^[0-9a-f-]{36}$/);

    await send('second');
    await pollText('chat-lines', 10_000).toBe('You said “first”.You said “second”.');
    await expect.poll(() => chats.map((chat) => chat.status), { timeout: 5000 }).toEqual([200, 401, 200]);
    expect(tokens).toHaveLength(2);
    expect(tokens.map((token) => token.status)).toEqual([200, 200]);
    expect(await page.locator('[data-failed="true"]').count()).toBe(0);
    expect(await textOf('session-status')).toBe('active');
    // The refused request is the one failed load Chromium reports.
    expect(problems).toEqual([
      'console.error: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
  });
});
