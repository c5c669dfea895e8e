import { type Browser, chromium, type Page, type Request } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/findChromium.js';
import { type ReadinessServers, serveReadinessPages } from './readiness/servePage.js';

// A stranger's trial: with the ChatKit script answering 404 (or unreachable: DNS, firewall, ad blocker), the page
// fetched the script URL about 16 times a second for as long as it stayed open (454 requests in 28 s), because each
// status probe's own fetch is a new resource entry that the watch's PerformanceObserver probes again.

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

const isMissingScript = (request: Request) => new URL(request.url()).pathname === '/missing/chatkit.js';

it('asks a missing ChatKit script for its status once, not in an endless loop of fetches', async () => {
  page = await browser.newPage();
  await page.clock.install();
  // The script element's load, then a status probe or two (the error event's, the resource entry's).
  const requests: string[] = [];
  page.on('request', (request) => {
    if (isMissingScript(request)) requests.push(request.resourceType());
  });
  await page.goto(servers.pageUrl({ script: '404' }));
  await expect
    .poll(() => page.locator('[data-chatkit-readiness]').getAttribute('data-chatkit-readiness'), { timeout: 10_000 })
    .toBe('script-failed');
  // The fallback is shown: from now on nothing should ask for the script until the user presses "Try again".
  const askedAgain = await page.waitForRequest(isMissingScript, { timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  expect({ askedAgain, fewRequests: requests.length <= 3 }).toEqual({ askedAgain: false, fewRequests: true });
});
