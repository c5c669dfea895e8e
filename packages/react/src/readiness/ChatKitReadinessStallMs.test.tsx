import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { renderWithSession } from '../../test/renderWithSession.js';
import { ChatKitReadiness } from '../readiness.js';

// A stranger's trial: `stallMs={Number(setting)}` with a setting that is not a number showed at once, with no wait,
// "<openai-chatkit> was not defined after NaN s", and a negative one "after 0 s": a wrong option failed in silence.

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z') });
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

it.each([Number.NaN, -5])('rejects stallMs %s with a TypeError naming it', (stallMs) => {
  expect(() =>
    renderWithSession(
      <ChatKitReadiness stallMs={stallMs}>
        <p>no ChatKit here</p>
      </ChatKitReadiness>,
    ),
  ).toThrow(expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('stallMs') }));
});
