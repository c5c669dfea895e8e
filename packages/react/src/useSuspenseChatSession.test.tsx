import { act, cleanup, render, screen } from '@testing-library/react';
import { Component, type ReactNode, StrictMode, Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import { renderWithSession } from '../test/renderWithSession.js';
import { ChatSessionProvider, useSuspenseChatSession } from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? (
      <p role="alert">{`${this.state.error.name}: ${this.state.error.message}`}</p>
    ) : (
      this.props.children
    );
  }
}

let renders = 0;
function Chat() {
  renders += 1;
  const { clientSecret, status } = useSuspenseChatSession();
  return (
    <p>
      {status} {clientSecret}
    </p>
  );
}

const tree = (
  <ErrorBoundary>
    <Suspense fallback={<p>Connecting…</p>}>
      <Chat />
    </Suspense>
  </ErrorBoundary>
);

beforeEach(() => {
  renders = 0;
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useSuspenseChatSession', () => {
  it('suspends until the first session arrives, then renders with its secret', async () => {
    const { container, backend } = renderWithSession(tree);
    expect(container.textContent).toBe('Connecting…');
    await advance(100);
    expect(container.textContent).toBe('active ek_test_1');
    expect(backend.requests).toBe(1);
  });

  it('stays rendered through a renewal instead of suspending again', async () => {
    const { container, backend } = renderWithSession(tree);
    await advance(100);
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(container.textContent ?? ''));
    observer.observe(container, { subtree: true, childList: true, characterData: true });
    await advance(9 * 60_000);
    observer.disconnect();
    expect(backend.requests).toBe(2);
    expect(container.textContent).toBe('active ek_test_2');
    expect(seen).not.toContain('Connecting…');
  });

  it('throws a stopping error (401) to the nearest error boundary', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { backend } = renderWithSession(tree);
    backend.script({ kind: 'status', status: 401 });
    await advance(100);
    expect(screen.getByRole('alert').textContent).toBe(
      'ChatSessionError: The session endpoint answered 401: failure 401',
    );
    await advance(10 * 60_000);
    expect(backend.requests).toBe(1);
  });

  it('keeps suspending through a retryable failure (503) and resolves without a render loop', async () => {
    const { container, backend } = renderWithSession(tree);
    backend.script({ kind: 'status', status: 503 });
    await advance(100);
    expect(container.textContent).toBe('Connecting…');
    expect(screen.queryByRole('alert')).toBeNull();
    await advance(5_000);
    expect(backend.requests).toBe(2);
    expect(container.textContent).toBe('active ek_test_2');
    // Each attempt that settles wakes the suspended component once; the fallback never renders it in a loop.
    expect(renders).toBeLessThanOrEqual(6);
  });

  it('makes one request and resolves under StrictMode', async () => {
    const { container, backend } = renderWithSession(<StrictMode>{tree}</StrictMode>);
    await advance(100);
    expect(container.textContent).toBe('active ek_test_1');
    expect(backend.requests).toBe(1);
  });

  it('renders a session under a boundary above a second provider, without a render loop', async () => {
    const first = renderWithSession(tree);
    await advance(100);
    expect(first.container.textContent).toBe('active ek_test_1');
    first.unmount();
    renders = 0;
    // A boundary above the provider: its controller is new, and nothing has mounted to start it.
    const backend = createTestBackend();
    const { container } = render(
      <Suspense fallback={<p>Connecting…</p>}>
        <ChatSessionProvider fetchSession={backend.fetchSession}>
          <Chat />
        </ChatSessionProvider>
      </Suspense>,
    );
    await advance(100);
    expect(container.textContent).toBe('active ek_test_1');
    expect(backend.requests).toBe(1);
    expect(renders).toBeLessThanOrEqual(5);
  });
});
