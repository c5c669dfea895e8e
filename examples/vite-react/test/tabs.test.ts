import type { BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, recordStatuses, startDemo, statusesSinceActive } from './startDemo.js';

// Renewals come every 17–20 s with 30 s sessions (7.5 s of validity kept, less the 3–4 s a renewal with two retries may
// take and up to 1.5 s of spread), each due over 10 s before its secret runs out: room for a loaded two-core machine
// running five renderers. A 55 s window holds at least two renewals of any one schedule, whatever its phase.
const LIFETIME_SECONDS = 30;
const WATCH_MS = 55_000;
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

/**
 * Watches the tabs for `ms`: how many sessions were created, how often each tab's secret changed, and the most
 * different secrets the tabs showed at one moment.
 */
async function watch(pages: Page[], ms: number) {
  const createdBefore = await demo.createdSessions();
  const seen = pages.map(() => new Set<string>());
  let mostAtOnce = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const now = await Promise.all(pages.map((page) => textOf(page, 'secret')));
    now.forEach((secret, index) => {
      expect(secret).toMatch(/^ek_…[0-9a-f]{4}$/);
      seen[index]?.add(secret);
    });
    mostAtOnce = Math.max(mostAtOnce, new Set(now).size);
    await pages[0]?.waitForTimeout(250);
  }
  for (const page of pages) {
    const statuses = await page.evaluate(statusesSinceActive);
    const unexpected = statuses.filter((status) => status !== 'active' && status !== 'refreshing');
    // On failure, show the page's own request log: when each renewal went out and how long it took.
    const log = unexpected.length > 0 ? await textOf(page, 'request-log') : '';
    expect({ unexpected, log }).toEqual({ unexpected: [], log: '' });
  }
  const renewals = seen.map((secrets) => secrets.size - 1);
  return { created: (await demo.createdSessions()) - createdBefore, renewals, mostAtOnce };
}

describe('five tabs of the demo', () => {
  it(
    'make one request per renewal in total when they share the session',
    async () => {
      const context = await demo.browser.newContext();
      const pages = await openTabs(context, '/?share');
      expect(await textOf(pages[0] as Page, 'mode')).toContain('shared across tabs');
      const { created, renewals } = await watch(pages, WATCH_MS);
      // Tabs adopt each other's sessions, so the first tab's renewals are everybody's (+1: one may be in flight).
      expect(renewals[0]).toBeGreaterThanOrEqual(2);
      expect(created).toBeLessThanOrEqual((renewals[0] ?? 0) + 1);

      // Close the tab that renewed most often: the other four go on renewing, still one request per renewal.
      const counts = await Promise.all(
        pages.map(async (page) => (await textOf(page, 'request-log')).split('scheduled').length),
      );
      const renewer = pages[counts.indexOf(Math.max(...counts))] as Page;
      await renewer.close();
      const rest = pages.filter((page) => page !== renewer);
      const after = await watch(rest, WATCH_MS);
      expect(after.renewals[0]).toBeGreaterThanOrEqual(2);
      expect(after.created).toBeLessThanOrEqual((after.renewals[0] ?? 0) + 1);
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
      const { created, renewals, mostAtOnce } = await watch(pages, WATCH_MS);
      // Each tab renews on its own schedule (a random share of the spread, its own latency), so within one window a tab
      // may renew once more or less than another: count every tab's renewals rather than multiply the first one's.
      // Five different secrets at once, every tab renewing at least twice, and one request per tab's renewal.
      expect(mostAtOnce).toBe(TABS);
      for (const count of renewals) expect(count).toBeGreaterThanOrEqual(2);
      expect(created).toBeGreaterThanOrEqual(renewals.reduce((sum, count) => sum + count, 0));
      await context.close();
    },
    PHASE_TIMEOUT_MS,
  );
});
