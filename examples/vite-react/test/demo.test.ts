import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROOT, type RunningDemo, recordStatuses, startDemo, statusesSinceActive } from './startDemo.js';

const SCREENSHOT = join(DEMO_ROOT, 'test-output', 'demo.png');
// Short enough to see a renewal within seconds, long enough that it is due well before expiry on a loaded machine (the
// controller renews before a quarter of a short lifetime is left, less the seconds a renewal with retries may take,
// the lifetime counted from one second before the server's Date header).
const LIFETIME_SECONDS = 15;

let demo: RunningDemo;
let page: Page;

// Reads without waiting: an element that is not there yet reads as ''.
const textOf = async (testId: string) => (await page.getByTestId(testId).allTextContents()).join('').trim();

/** Polls an element's text from Node, bounded by `timeout` ms: this is a real browser on a real server. */
const pollText = (testId: string, timeout: number) => expect.poll(() => textOf(testId), { timeout, interval: 100 });

beforeAll(async () => {
  demo = await startDemo(LIFETIME_SECONDS, '.vite-test');
  page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.addInitScript(recordStatuses);
  await page.goto(demo.url);
});

afterAll(async () => {
  await demo?.close();
});

describe('the vite-react demo', () => {
  it('shows an active session from the mock API when the page opens', async () => {
    await pollText('session-status', 20_000).toBe('active');
    expect(await textOf('mode')).toContain('Mock ChatKit API');
    expect(await textOf('secret')).toMatch(/^ek_…[0-9a-f]{4}$/);
    expect(await textOf('chat-placeholder')).toContain('ChatKit mounts here when OPENAI_API_KEY');
  });

  it('renews the session with a new secret before it expires', async () => {
    const first = await textOf('secret');
    await pollText('secret', LIFETIME_SECONDS * 1000 + 5000).not.toBe(first);
    expect(await textOf('secret')).toMatch(/^ek_…[0-9a-f]{4}$/);
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
    const sinceActive = await page.evaluate(statusesSinceActive);
    expect(sinceActive.length).toBeGreaterThan(1);
    expect(sinceActive.filter((status) => status !== 'active' && status !== 'refreshing')).toEqual([]);
    mkdirSync(join(DEMO_ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(0);
  });
});
