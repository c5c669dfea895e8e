import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROOT, type RunningDemo, startDemo } from './startDemo.js';

const SCREENSHOT = join(DEMO_ROOT, 'test-output', 'custom-backend.png');
// Long enough that no scheduled renewal (due about a minute before expiry) falls inside this file, so every token request
// counted below is one the refused token caused. demo.test.ts covers scheduled renewals on short lifetimes.
const LIFETIME_SECONDS = 600;
const TOKEN_ROUTE = '/api/chatkit/token';
const CHATKIT_ROUTE = '/api/chatkit';

let demo: RunningDemo;
let page: Page;

// Reads without waiting: an element that is not there yet reads as ''.
const textOf = async (testId: string) => (await page.getByTestId(testId).allTextContents()).join('').trim();
const pollText = (testId: string, timeout: number) => expect.poll(() => textOf(testId), { timeout, interval: 100 });

/** The request log's rows, oldest first, as the page shows them. */
async function logRows() {
  const rows = page.getByTestId('request-log').locator('li');
  const read = async (row: Locator) => ({
    route: (await row.getAttribute('data-route')) ?? '',
    reason: (await row.getAttribute('data-reason')) ?? '',
    status: (await row.getAttribute('data-status')) ?? '',
    text: (await row.textContent()) ?? '',
  });
  return (await Promise.all((await rows.all()).map(read))).reverse();
}

/** The chat stand-in's lines, oldest first: the user's messages, the server's replies and any error. */
const transcript = () => page.getByTestId('chat-transcript').locator('li').allTextContents();

/** How many "renewed" events the renewal timeline shows. */
const renewals = () => page.getByTestId('timeline').locator('.event-renewed').count();

async function send(text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

beforeAll(async () => {
  demo = await startDemo(LIFETIME_SECONDS, '.vite-test-custom');
  page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${demo.url}?mode=custom`);
});

afterAll(async () => {
  await demo?.close();
});

describe('the vite-react demo in custom-backend mode', () => {
  it('shows an active token from the token endpoint when the page opens with ?mode=custom', async () => {
    await pollText('session-status', 20_000).toBe('active');
    expect(await textOf('mode')).toContain('Custom backend');
    expect(await textOf('secret')).toMatch(/^…[\w-]{4}$/);
    const rows = await logRows();
    expect(rows.map(({ route, reason, status }) => [route, reason, status])).toEqual([[TOKEN_ROUTE, 'initial', '200']]);
  });

  it('answers a message through the ChatKit server with the token’s user', async () => {
    await send('hello');
    await expect.poll(transcript, { timeout: 10_000 }).toEqual(['hello', 'Echo for demo-user: hello']);
    const chat = (await logRows()).filter((row) => row.route === CHATKIT_ROUTE);
    expect(chat.map(({ reason, status }) => [reason, status])).toEqual([['message', '200']]);
    expect(chat[0]?.text).toContain(await textOf('secret'));
  });

  it('keeps answering across a refused token: one 401, one renewal, one replay', async () => {
    const before = await logRows();
    const renewedBefore = await renewals();
    const refusedSecret = await textOf('secret');
    await page.getByRole('button', { name: 'Refuse the current token' }).click();
    await pollText('refused-token', 5000).toContain(`The server now refuses token ${refusedSecret}`);

    await send('still there?');
    // The reply, and no error in between: the 401 stayed inside the chat's fetch.
    await expect
      .poll(transcript, { timeout: 10_000 })
      .toEqual(['hello', 'Echo for demo-user: hello', 'still there?', 'Echo for demo-user: still there?']);
    const renewedSecret = await textOf('secret');
    expect(renewedSecret).not.toBe(refusedSecret);

    // Everything the second message caused, in the order it happened, as the request log shows it.
    const added = (await logRows()).slice(before.length);
    expect(added.map(({ route, reason, status }) => [route, reason, status])).toEqual([
      [CHATKIT_ROUTE, 'message', '401'],
      [TOKEN_ROUTE, 'on-demand', '200'],
      [CHATKIT_ROUTE, 'replay', '200'],
    ]);
    const [refused, renewal, replay] = added.map((row) => row.text);
    expect(refused).toContain(refusedSecret);
    expect(refused).toContain('refused_token');
    expect(renewal).toContain(renewedSecret);
    expect(replay).toContain(renewedSecret);
    await expect.poll(renewals, { timeout: 5000 }).toBe(renewedBefore + 1);
    expect(await textOf('session-status')).toBe('active');
    mkdirSync(join(DEMO_ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(0);
  });

  it('refuses a request without a token with a 401 and its code', async () => {
    const response = await fetch(new URL(CHATKIT_ROUTE, demo.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'msg_1', text: 'hi' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('missing_token');
  });

  it('switches to hosted mode with its link, where the session renews as before', async () => {
    await page.getByRole('link', { name: /Hosted mode/ }).click();
    await expect.poll(() => new URL(page.url()).search, { timeout: 5000 }).toBe('');
    await pollText('session-status', 20_000).toBe('active');
    expect(await textOf('mode')).toContain('Mock ChatKit API');
    expect(await textOf('chat-placeholder')).toContain('ChatKit mounts here when OPENAI_API_KEY');
    const secret = await textOf('secret');
    expect(secret).toMatch(/^ek_…[0-9a-f]{4}$/);
    await page.getByRole('button', { name: 'Renew now' }).click();
    await pollText('secret', 5000).not.toBe(secret);
    expect(await textOf('secret')).toMatch(/^ek_…[0-9a-f]{4}$/);
    const rows = await logRows();
    expect(rows.map(({ route, reason, status }) => [route, reason, status])).toEqual([
      ['/api/chatkit/session', 'initial', '200'],
      ['/api/chatkit/session', 'manual', '200'],
    ]);
  });
});
