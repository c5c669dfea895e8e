import { type Browser, chromium, type Page, type Request } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/findChromium.js';
import { type ReadinessPageOptions, type ReadinessServers, serveReadinessPages } from './readiness/servePage.js';

// The watchdog's default: how long ChatKit may take to be defined, then to get ready, then to ask for a credential.
const STALL_MS = 15_000;

let servers: ReadinessServers;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  servers = await serveReadinessPages();
  browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
});

afterEach(async () => {
  await page?.close();
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

const isMissingScript = (request: Request) => new URL(request.url()).pathname === '/missing/chatkit.js';

/** Opens the page on a clock the test moves, so waiting 15 s takes no time; the network stays real. */
async function open(options: ReadinessPageOptions) {
  page = await browser.newPage();
  await page.clock.install();
  await page.goto(servers.pageUrl(options));
}

/** The fallback as the user sees it: its phase, and its text (the reason), or null once ChatKit is shown instead. */
async function fallback() {
  const view = page.locator('[data-chatkit-readiness]');
  if ((await view.count()) === 0) return null;
  return { phase: await view.getAttribute('data-chatkit-readiness'), text: (await view.textContent()) ?? '' };
}

const phaseShown = () => expect.poll(async () => (await fallback())?.phase ?? 'none', { timeout: 10_000 });
const reported = () => page.evaluate(() => window.readinessEvents.map(({ phase }) => phase));

describe('ChatKitReadiness against a local ChatKit stand-in in Chromium', () => {
  it('shows the chat, and no fallback, when the script loads, ChatKit gets ready and asks for a secret', async () => {
    await open({});
    await expect.poll(() => page.locator('openai-chatkit').getAttribute('data-stand-in')).toBe('chatting');
    await phaseShown().toBe('none');
    expect(await page.frameLocator('openai-chatkit iframe').getByText('the chat would be here').isVisible()).toBe(true);
    expect(await page.locator('openai-chatkit').isVisible()).toBe(true);
    expect(await reported()).toEqual(['loading', 'ready']);
    const last = await page.evaluate(() => window.readinessEvents.at(-1));
    expect(last).toMatchObject({ type: 'readiness', phase: 'ready', sessionKey: null });
    expect(last?.sinceMs).toBeGreaterThanOrEqual(0);
  });

  it('shows the chat in custom-backend mode once ChatKit sends its first request through our fetch', async () => {
    await open({ mode: 'custom' });
    await expect.poll(() => page.locator('openai-chatkit').getAttribute('data-stand-in')).toBe('chatting');
    await phaseShown().toBe('none');
    expect(await reported()).toEqual(['loading', 'ready']);
  });

  it('says the script URL answered 404 when the ChatKit script is not found', async () => {
    await open({ script: '404' });
    await phaseShown().toBe('script-failed');
    const { text } = (await fallback()) ?? { text: '' };
    expect(text).toContain('404');
    expect(text).toContain('/missing/chatkit.js');
    expect(await page.locator('openai-chatkit').isVisible()).toBe(false);
  });

  it('shows the chat after "Try again" when the script failed once: the retry loads it anew', async () => {
    await open({ script: 'flaky' });
    await phaseShown().toBe('script-failed');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.locator('openai-chatkit').getAttribute('data-stand-in')).toBe('chatting');
    await phaseShown().toBe('none');
    expect(await page.locator('openai-chatkit').isVisible()).toBe(true);
  });

  it("names the CSP's script-src when a Content-Security-Policy header blocks the ChatKit script", async () => {
    await open({ csp: true });
    await phaseShown().toBe('script-failed');
    expect((await fallback())?.text).toContain('script-src');
  });

  it('says no ChatKit script is on the page when there is none and the element stays undefined', async () => {
    await open({ script: 'none' });
    await phaseShown().toBe('loading');
    await page.clock.runFor(STALL_MS);
    await phaseShown().toBe('script-failed');
    expect((await fallback())?.text).toContain('no <script>');
  });

  it('waits out a slow start as "loading", then says <openai-chatkit> was never defined', async () => {
    await open({ behaviour: 'never-define' });
    await expect.poll(() => page.evaluate(() => 'chatKitStandIn' in window)).toBe(true);
    await page.clock.runFor(STALL_MS - 1000);
    await phaseShown().toBe('loading');
    // Laid out while it loads (a ChatKit that waits to be on screen still loads), but not shown.
    expect(await page.locator('openai-chatkit').boundingBox()).toMatchObject({ height: 240 });
    expect(await page.locator('openai-chatkit').isVisible()).toBe(false);
    await page.clock.runFor(1000);
    await phaseShown().toBe('undefined');
    expect((await fallback())?.text).toContain('openai-chatkit');
    expect(await reported()).toEqual(['loading', 'undefined']);
    const last = await page.evaluate(() => window.readinessEvents.at(-1));
    expect(last?.sinceMs).toBeGreaterThanOrEqual(STALL_MS);
  });

  // A CDN without CORS hides a script's status from the page: a probe refused by CORS says nothing of the script, which
  // loaded. Seen failing first: it read as `script-failed` at once, a false alarm, while ChatKit was still starting.
  it('waits out a slow start as "loading" when the CDN sends no CORS header, rather than crying script-failed', async () => {
    await open({ behaviour: 'never-define', script: 'no-cors' });
    await expect.poll(() => page.evaluate(() => 'chatKitStandIn' in window)).toBe(true);
    await page.clock.runFor(STALL_MS - 1000);
    await phaseShown().toBe('loading');
    await page.clock.runFor(1000);
    await phaseShown().toBe('undefined');
  });

  it("says ChatKit's frame never got ready, naming the CSP's frame-src, when chatkit.ready never comes", async () => {
    await open({ behaviour: 'never-ready' });
    await expect.poll(() => page.evaluate(() => customElements.get('openai-chatkit') !== undefined)).toBe(true);
    await page.clock.runFor(STALL_MS);
    await phaseShown().toBe('not-ready');
    expect((await fallback())?.text).toContain('frame-src');
  });

  it('says ChatKit never asked for a credential when it is ready but never calls getClientSecret', async () => {
    await open({ behaviour: 'never-call' });
    await expect.poll(() => page.locator('openai-chatkit').getAttribute('data-stand-in')).toBe('ready');
    await page.clock.runFor(STALL_MS);
    await phaseShown().toBe('no-credential-request');
    expect((await fallback())?.text).toContain('getClientSecret');
  });

  it('shows the error and points at the domain allow-list when ChatKit emits chatkit.error', async () => {
    await open({ behaviour: 'error' });
    await phaseShown().toBe('chatkit-error');
    const { text } = (await fallback()) ?? { text: '' };
    expect(text).toContain('Domain verification failed');
    expect(text).toContain('domainKey');
  });

  it('keeps showing the chat when ChatKit emits chatkit.error after it started chatting', async () => {
    await open({ behaviour: 'late-error' });
    await expect.poll(() => page.locator('openai-chatkit').getAttribute('data-stand-in')).toBe('chatting');
    await page.clock.runFor(STALL_MS);
    await phaseShown().toBe('none');
    expect(await page.locator('openai-chatkit').isVisible()).toBe(true);
  });

  it('gives the error kind and request id when the session endpoint fails', async () => {
    await open({ failSession: true });
    await phaseShown().toBe('credential-failing');
    const { text } = (await fallback()) ?? { text: '' };
    expect(text).toContain('server');
    expect(text).toContain('req_readiness_500');
    expect(text).not.toContain('ek_');
  });

  // A stranger's trial: with the ChatKit script answering 404 (or unreachable: DNS, firewall, ad blocker), the page
  // fetched the script URL about 16 times a second for as long as it stayed open (454 requests in 28 s), because each
  // status probe's own fetch is a new resource entry that the watch's PerformanceObserver probes again.
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

  // A stranger's trial: with OpenAI's CDN unreachable (DNS, firewall, ad blocker), the script tag in the page's head
  // fails before the app mounts, and the fallback said "loading" for 15 s, then `undefined`, never `script-failed`;
  // after "Try again" the same failure is `script-failed` at once.
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
});
