import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/findChromium.js';
import { type ReadinessServers, serveReadinessPages } from './readiness/servePage.js';

// A stranger's trial: with OpenAI's CDN unreachable (DNS, firewall, ad blocker), the script tag in the page's head
// fails before the app mounts, and the fallback said "loading" for 15 s, then `undefined`, never `script-failed`;
// after "Try again" the same failure is `script-failed` at once.

let servers: ReadinessServers;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  servers = await serveReadinessPages();
  browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await servers?.close();
});

it('says the ChatKit script failed, without waiting out the stall, when its host refuses the connection', async () => {
  page = await browser.newPage();
  // The page's clock stands still: no stall can be what shows the problem.
  await page.clock.install();
  await page.goto(servers.pageUrl({ script: 'unreachable' }));
  await expect
    .poll(() => page.locator('[data-chatkit-readiness]').getAttribute('data-chatkit-readiness'), { timeout: 10_000 })
    .toBe('script-failed');
  expect(await page.locator('[data-chatkit-readiness]').textContent()).toContain('127.0.0.1:1/chatkit.js');
});
