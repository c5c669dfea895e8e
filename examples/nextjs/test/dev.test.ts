import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIFETIME_SECONDS,
  launchChromium,
  type RunningNext,
  recordProblems,
  recordRequests,
  startNext,
} from './startNext.js';

/** What `components/ChatKitStandIn.tsx` keeps on `window.chatkitStandIn`. */
interface GetClientSecretCalls {
  calls: number;
  resolved: number;
  rejected: number;
  errors: string[];
}

let server: RunningNext;
let browser: Browser;
let page: Page;

const textOf = async (testId: string) => (await page.getByTestId(testId).allTextContents()).join('').trim();

const readCalls = () =>
  page.evaluate(() => (window as Window & { chatkitStandIn?: GetClientSecretCalls }).chatkitStandIn ?? null);

beforeAll(async () => {
  server = await startNext('dev', 60_000);
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Next.js example under next dev', () => {
  // Two minutes, not one: `next dev` compiles the page on its first request, slowly on a cold two-core machine.
  it('mounts under StrictMode with one session request and no rejected getClientSecret call', async () => {
    const requests = recordRequests(page, '/api/chatkit/session');
    const problems = recordProblems(page);
    // On 127.0.0.1, which `next dev --hostname 127.0.0.1` trusts (else the page would never hydrate: see next.config.ts).
    await page.goto(server.url, { timeout: 60_000 });
    // StrictMode mounts the stand-in twice, so it asks twice; both resolve, to the one session.
    await expect.poll(readCalls, { timeout: 60_000, interval: 100 }).toMatchObject({ calls: 2, resolved: 2 });
    expect(await readCalls()).toEqual({ calls: 2, resolved: 2, rejected: 0, errors: [] });
    expect(await textOf('session-status')).toBe('active');
    expect(requests.map((request) => request.reason)).toEqual(['initial']);
    // The devtools' toggle, rendered in development only.
    expect(await page.getByRole('button', { name: /^ChatKit session: / }).count()).toBe(1);

    // And the renewals are the same as in production: one request each.
    await expect
      .poll(() => requests.length, { timeout: LIFETIME_SECONDS * 1000 + 5000, interval: 100 })
      .toBeGreaterThan(1);
    expect(requests.map((request) => request.reason)).toEqual(['initial', 'scheduled']);
    expect((await readCalls())?.rejected).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
