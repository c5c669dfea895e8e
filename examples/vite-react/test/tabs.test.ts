import type { BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, recordStatuses, startDemo, statusesSinceActive } from './startDemo.js';

// Renewals come every ~21 s with 30 s sessions, each due 7 s before its secret runs short: room for a loaded two-core
// machine running five renderers. Each phase watches two renewals in a real browser, bounded.
const LIFETIME_SECONDS = 30;
const WATCH_MS = 45_000;
const PHASE_TIMEOUT_MS = 180_000;
const TABS = 5;

let demo: RunningDemo;

beforeAll(async () => {
  demo = await startDemo(LIFETIME_SECONDS, '.vite-test-tabs');
});
afterAll(async () => {
  await demo?.close();
});

const textOf = async (page: Page, testId: string) => (await page.getByTestId(testId).allTextContents()).join('').trim();

async function openTabs(context: BrowserContext, search: string): Promise<Page[]> {
  await context.addInitScript(recordStatuses);
  const pages: Page[] = [];
  for (let index = 0; index < TABS; index += 1) {
    const page = await context.newPage();
    await page.goto(`${demo.url}${search}`);
    pages.push(page);
  }
  for (const page of pages) {
    await expect.poll(() => textOf(page, 'session-status'), { timeout: 20_000 }).toBe('active');
  }
  return pages;
}

/** Watches the tabs for `ms`: how many sessions were created and how often the first tab's secret changed. */
async function watch(pages: Page[], ms: number) {
  const createdBefore = await demo.createdSessions();
  const secrets = new Set<string>();
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const page of pages) {
      const secret = await textOf(page, 'secret');
      expect(secret).toMatch(/^ek_…[0-9a-f]{6}$/);
      if (page === pages[0]) secrets.add(secret);
    }
    await pages[0]?.waitForTimeout(250);
  }
  for (const page of pages) {
    const statuses = await page.evaluate(statusesSinceActive);
    const unexpected = statuses.filter((status) => status !== 'active' && status !== 'refreshing');
    // On failure, show the page's own request log: when each renewal went out and how long it took.
    const log = unexpected.length > 0 ? await textOf(page, 'request-log') : '';
    expect({ unexpected, log }).toEqual({ unexpected: [], log: '' });
  }
  return { created: (await demo.createdSessions()) - createdBefore, renewals: secrets.size - 1 };
}

describe('five tabs of the demo', () => {
  it(
    'make one request per renewal in total when they share the session',
    async () => {
      const context = await demo.browser.newContext();
      const pages = await openTabs(context, '/?share');
      expect(await textOf(pages[0] as Page, 'mode')).toContain('shared across tabs');
      const { created, renewals } = await watch(pages, WATCH_MS);
      expect(renewals).toBeGreaterThanOrEqual(2);
      expect(created).toBeLessThanOrEqual(renewals + 1);

      // Close the tab that renewed most often: the other four go on renewing, still one request per renewal.
      const counts = await Promise.all(
        pages.map(async (page) => (await textOf(page, 'request-log')).split('scheduled').length),
      );
      const renewer = pages[counts.indexOf(Math.max(...counts))] as Page;
      await renewer.close();
      const rest = pages.filter((page) => page !== renewer);
      const after = await watch(rest, WATCH_MS);
      expect(after.renewals).toBeGreaterThanOrEqual(2);
      expect(after.created).toBeLessThanOrEqual(after.renewals + 1);
      await context.close();
    },
    PHASE_TIMEOUT_MS,
  );

  it(
    'make one request per tab per renewal without sharing',
    async () => {
      const context = await demo.browser.newContext();
      const pages = await openTabs(context, '/');
      expect(await textOf(pages[0] as Page, 'mode')).toContain('one session per tab');
      const { created, renewals } = await watch(pages, WATCH_MS);
      expect(renewals).toBeGreaterThanOrEqual(2);
      expect(created).toBeGreaterThanOrEqual(TABS * renewals - 1);
      await context.close();
    },
    PHASE_TIMEOUT_MS,
  );
});
