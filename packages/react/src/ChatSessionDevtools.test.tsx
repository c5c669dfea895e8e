import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithSession } from '../test/renderWithSession.js';
import { ChatSessionDevtools } from './devtools.js';
import { useChatSession } from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const MINUTE = 60_000;

const devtools = () => screen.getByRole('region', { name: 'ChatKit session devtools' });
const timeline = () =>
  within(devtools())
    .queryAllByRole('listitem')
    .map((item) => {
      expect(item.querySelector('time')?.getAttribute('datetime')).toMatch(/^2026-11-26T/);
      return item.lastElementChild?.textContent;
    });

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChatSessionDevtools', () => {
  it('shows the status, the countdown and a masked secret, never the secret itself', async () => {
    const { container } = renderWithSession(<ChatSessionDevtools initialIsOpen />);
    await advance(100);
    const panel = within(devtools());
    expect(panel.getByText('Status').nextSibling?.textContent).toBe('active');
    expect(panel.getByText('Client secret').nextSibling?.textContent).toBe('ek_…');
    expect(panel.getByText('Session').nextSibling?.textContent).toBe('cksess_1');
    expect(panel.getByText('Time left').nextSibling?.textContent).toMatch(/^9:5\d$/);
    expect(panel.getByText('Next renewal').nextSibling?.textContent).toMatch(/^in [2-8]:\d\d$/);
    expect(panel.getByText('Last error').nextSibling?.textContent).toBe('none');
    expect(container.innerHTML).not.toContain('ek_test_1');
    await advance(9 * MINUTE);
    expect(container.innerHTML).not.toContain('ek_test_2');
  });

  it('adds a timeline entry per renewal and a failure with its kind and request id, newest first', async () => {
    const { backend } = renderWithSession(<ChatSessionDevtools initialIsOpen />);
    await advance(100);
    expect(timeline()).toEqual(['Session started cksess_1']);
    await advance(9 * MINUTE);
    expect(timeline()).toEqual(['Renewed cksess_2', 'Session started cksess_1']);
    backend.script({ kind: 'status', status: 503 });
    await advance(9 * MINUTE);
    expect(backend.requests).toBe(4);
    expect(timeline()).toEqual([
      'Renewed cksess_4',
      'Failed: server 503, retrying req_3',
      'Renewed cksess_2',
      'Session started cksess_1',
    ]);
  });

  it('shows a stopping error with its kind, status, request id and message, and recovers on "Renew now"', async () => {
    const { backend } = renderWithSession(<ChatSessionDevtools initialIsOpen />);
    backend.script({ kind: 'status', status: 401 });
    await advance(100);
    const panel = within(devtools());
    expect(panel.getByText('Last error').nextSibling?.textContent).toBe(
      'unauthorized 401 req_1 · stopped until renewedThe session endpoint answered 401: failure 401',
    );
    expect(panel.getByText('Failed attempts').nextSibling?.textContent).toBe('1');
    expect(panel.getByText('Next renewal').nextSibling?.textContent).toBe('none scheduled');
    fireEvent.click(panel.getByRole('button', { name: 'Renew now' }));
    await advance(100);
    expect(panel.getByText('Status').nextSibling?.textContent).toBe('active');
    expect(timeline()).toEqual(['Session started cksess_2', 'Failed: unauthorized 401, stopped req_1']);
  });

  it('makes exactly one request when "Renew now" is clicked', async () => {
    const { backend } = renderWithSession(<ChatSessionDevtools initialIsOpen />);
    await advance(100);
    expect(backend.requests).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Renew now' }));
    await advance(100);
    expect(backend.requests).toBe(2);
    expect(backend.reasons.at(-1)).toBe('manual');
    expect(timeline()[0]).toBe('Renewed cksess_2');
  });

  it('opens and closes with its toggle, and keeps recording while closed', async () => {
    renderWithSession(<ChatSessionDevtools />);
    await advance(100);
    const toggle = screen.getByRole('button', { name: 'ChatKit session: active' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Renew now' })).toBeNull();
    // Closed, nothing ticks: only the controller's own timer is armed.
    expect(vi.getTimerCount()).toBe(1);
    await advance(9 * MINUTE);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('list', { name: 'Timeline' })).toBeTruthy();
    expect(timeline()).toEqual(['Renewed cksess_2', 'Session started cksess_1']);
    fireEvent.click(toggle);
    expect(screen.queryByRole('list', { name: 'Timeline' })).toBeNull();
  });

  it('keeps at most maxEvents entries', async () => {
    renderWithSession(<ChatSessionDevtools initialIsOpen maxEvents={2} />, { lifetimeSeconds: 60 });
    await advance(10 * MINUTE);
    const entries = timeline();
    expect(entries).toHaveLength(2);
    expect(entries.every((entry) => entry?.startsWith('Renewed'))).toBe(true);
  });

  it('records each change once under StrictMode, and its ticking re-renders nothing else in the app', async () => {
    let appRenders = 0;
    function App() {
      appRenders += 1;
      return <p>{useChatSession((session) => session.status)}</p>;
    }
    renderWithSession(
      <StrictMode>
        <App />
        <ChatSessionDevtools initialIsOpen />
      </StrictMode>,
    );
    await advance(100);
    const before = appRenders;
    await advance(MINUTE);
    expect(appRenders).toBe(before);
    expect(timeline()).toEqual(['Session started cksess_1']);
  });

  it('leaves no timer after unmount', async () => {
    const { unmount } = renderWithSession(<ChatSessionDevtools initialIsOpen />);
    await advance(100);
    unmount();
    // The session's controller outlives its provider by a grace period; its own timers go at once.
    await advance(30_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps its timeline across a change of user and starts the new user’s session in it', async () => {
    const { rerenderWith, container } = renderWithSession(<ChatSessionDevtools initialIsOpen />, {
      sessionKey: 'alice',
    });
    await advance(100);
    rerenderWith(<ChatSessionDevtools initialIsOpen />, { sessionKey: 'bob' });
    await advance(100);
    expect(timeline()).toEqual(['Session started cksess_2', 'Session started cksess_1']);
    expect(container.innerHTML).not.toMatch(/ek_test_\d/);
  });
});
