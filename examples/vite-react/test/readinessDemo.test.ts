import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, startDemo } from './startDemo.js';

let demo: RunningDemo;
let page: Page;

const fallback = () => page.locator('[data-chatkit-readiness]');

beforeAll(async () => {
  demo = await startDemo(600, '.vite-test-readiness');
  page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(demo.url);
});

afterAll(async () => {
  await demo?.close();
});

describe('the vite-react demo with the ChatKit stand-in', () => {
  it("shows the watchdog's fallback and its reason when the switch blocks the stand-in's script", async () => {
    await page.getByRole('link', { name: 'a local ChatKit stand-in' }).click();
    await expect
      .poll(() => page.locator('openai-chatkit').getAttribute('data-stand-in'), { timeout: 20_000 })
      .toBe('chatting');
    expect(await fallback().count()).toBe(0);

    await page.getByRole('checkbox', { name: "Block ChatKit's script" }).check();
    await expect
      .poll(() => fallback().getAttribute('data-chatkit-readiness'), { timeout: 20_000 })
      .toBe('script-failed');
    expect(await fallback().textContent()).toContain('failed to load');
    expect(await page.locator('openai-chatkit').isVisible()).toBe(false);
  });
});
