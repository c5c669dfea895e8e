import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithSession } from '../test/renderWithSession.js';
import { useChatSession, useSessionCountdown } from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useSessionCountdown', () => {
  it('ticks once a second in its consumer and in no other', async () => {
    const renders = { countdown: 0, status: 0, secret: 0 };
    const seconds: (number | null)[] = [];
    function Countdown() {
      renders.countdown += 1;
      const { secondsLeft } = useSessionCountdown();
      seconds.push(secondsLeft);
      return <output>{secondsLeft}</output>;
    }
    function Status() {
      renders.status += 1;
      return <span>{useChatSession((session) => session.status)}</span>;
    }
    function Secret() {
      renders.secret += 1;
      return <span>{useChatSession((session) => session.clientSecret)}</span>;
    }
    const { container } = renderWithSession(
      <>
        <Countdown />
        <Status />
        <Secret />
      </>,
    );
    await advance(100);
    const first = Number(container.querySelector('output')?.textContent);
    // About ten minutes, less what the controller keeps as a margin for the server clock's whole seconds.
    expect(first).toBeGreaterThan(590);
    const before = { ...renders };
    const secondsBefore = seconds.length;
    await advance(10_000);
    expect(renders.countdown - before.countdown).toBe(10);
    expect(seconds.slice(secondsBefore)).toEqual(Array.from({ length: 10 }, (_, index) => first - 1 - index));
    expect(renders.status).toBe(before.status);
    expect(renders.secret).toBe(before.secret);
    expect(container.querySelector('output')?.textContent).toBe(String(first - 10));
  });

  it('counts down to the next renewal and starts over with the new session', async () => {
    function Countdown() {
      const { secondsLeft, secondsUntilRefresh } = useSessionCountdown();
      return (
        <output>
          {secondsLeft}/{secondsUntilRefresh}
        </output>
      );
    }
    const { container, backend } = renderWithSession(<Countdown />);
    await advance(100);
    const [left, untilRefresh] = (container.textContent ?? '').split('/').map(Number);
    expect(left).toBeGreaterThan(590);
    // Renewal comes 60 s before expiry, less what a renewal may take and a share of a 30 s spread.
    expect(untilRefresh).toBeGreaterThanOrEqual(500);
    expect(untilRefresh).toBeLessThanOrEqual(540);
    await advance((untilRefresh ?? 0) * 1000 + 100);
    expect(backend.requests).toBe(2);
    expect(container.textContent?.split('/')[0]).toBe(String(left));
  });

  it('leaves no timer once its consumer unmounts', async () => {
    function Countdown() {
      return <output>{useSessionCountdown().secondsLeft}</output>;
    }
    const { unmount } = renderWithSession(<Countdown />);
    await advance(100);
    unmount();
    // The session's controller outlives its provider by a grace period; its own timers go at once.
    await advance(30_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
