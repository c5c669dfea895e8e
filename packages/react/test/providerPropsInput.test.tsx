import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportEvents, useChatSession } from '../src/index.js';
import { renderWithSession } from './renderWithSession.js';

function Status() {
  return <p>{useChatSession((session) => session.status)}</p>;
}

beforeEach(() => {
  vi.useFakeTimers();
  // React logs the error a render throws before rethrowing it.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ChatSessionProvider telemetry', () => {
  // createChatSessionController({ telemetry: 'yes' }) throws this TypeError; the same option as a prop must not be
  // silently ignored (the provider wraps it in a function of its own, so the controller's check never sees it).
  for (const [label, telemetry] of [
    ['a string', 'yes'],
    ['an object', { listener: () => {} }],
  ] as const) {
    it(`throws the controller's TypeError when telemetry is ${label}, not reportEvents(listener)`, () => {
      expect(() => renderWithSession(<Status />, { telemetry: telemetry as never })).toThrow(
        /`telemetry` takes `reportEvents\(listener\)` \(a function\)/,
      );
    });
  }

  // telemetry is read from the latest render (README), so a render that changes it to a non-function must say so too,
  // rather than the controller swallowing the TypeError of calling it at each transition.
  it("throws the controller's TypeError when a re-render changes telemetry to something that is not a function", async () => {
    const view = renderWithSession(<Status />, { telemetry: reportEvents(() => {}) });
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(() => view.rerenderWith(<Status />, { telemetry: 'yes' as never })).toThrow(
      /`telemetry` takes `reportEvents\(listener\)` \(a function\)/,
    );
  });

  it('throws a TypeError that names the rename when given the old onEvent prop', () => {
    const onEvent = () => {};
    expect(() => renderWithSession(<Status />, { onEvent } as never)).toThrow(
      /`onEvent` is now `telemetry: reportEvents\(onEvent\)`/,
    );
  });

  // A re-render that adds it (a Fast Refresh edit keeps the controller) must not be silently ignored either.
  it('throws a TypeError that names the rename when a re-render adds the old onEvent prop', async () => {
    const view = renderWithSession(<Status />);
    await act(() => vi.advanceTimersByTimeAsync(100));
    const onEvent = () => {};
    expect(() => view.rerenderWith(<Status />, { onEvent } as never)).toThrow(
      /`onEvent` is now `telemetry: reportEvents\(onEvent\)`/,
    );
  });

  it('reports the first request and its renewal through reportEvents(listener)', async () => {
    const events: string[] = [];
    const view = renderWithSession(<Status />, { telemetry: reportEvents((event) => events.push(event.type)) });
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(view.container.textContent).toBe('active');
    expect(events).toEqual(['request', 'renewal']);
  });
});

describe('ChatSessionProvider props of the wrong type', () => {
  // The provider hands the controller a fetchSession of its own, so a missing one would otherwise surface only as a
  // failing request ("fetchSession failed (TypeError …)"), retried with backoff for ever.
  it('throws a TypeError naming fetchSession when a render drops it', async () => {
    const view = renderWithSession(<Status />);
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(() => view.rerenderWith(<Status />, { fetchSession: undefined as never })).toThrow(
      /^ChatSessionProvider: `fetchSession` must be a function\.$/,
    );
  });

  it('lets an onEvent left undefined by a spread through', () => {
    expect(() => renderWithSession(<Status />, { onEvent: undefined } as never)).not.toThrow();
  });
});
