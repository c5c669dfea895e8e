import { act, cleanup, screen } from '@testing-library/react';
import { Suspense, useEffect, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithSession } from '../../test/renderWithSession.js';
import { ChatSessionGate, useChatKitApi, useSuspenseChatSession } from '../index.js';
import { ChatKitReadiness, type ChatKitReadinessEvent } from '../readiness.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** Stands in for `<ChatKit>`: its element gets ready once its frame loads (a task later) and asks for its secret. */
function ReadyChatKit() {
  useSuspenseChatSession();
  const api = useChatKitApi();
  useEffect(() => {
    const frameLoaded = setTimeout(() => {
      document.querySelector('openai-chatkit')?.dispatchEvent(new CustomEvent('chatkit.ready'));
      void api.getClientSecret(null);
    });
    return () => clearTimeout(frameLoaded);
  }, [api]);
  return <openai-chatkit data-testid="chatkit" />;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChatKitReadiness', () => {
  // Each event names the provider's sessionKey (a stranger's trial found `null` there), so a listener shared with the
  // session's events can tell whose ChatKit stalled.
  it('shows ChatKit inside ChatSessionGate and Suspense once it is ready and asked for its secret', async () => {
    const events: ChatKitReadinessEvent[] = [];
    renderWithSession(
      <ChatSessionGate fallback={<p>Connecting…</p>}>
        <ChatKitReadiness onEvent={(event) => events.push(event)}>
          <Suspense fallback={<p>Suspended…</p>}>
            <ReadyChatKit />
          </Suspense>
        </ChatKitReadiness>
      </ChatSessionGate>,
      { sessionKey: 'user_42' },
    );
    expect(screen.getByText('Connecting…')).toBeDefined();
    await advance(100);
    expect(document.querySelector('[data-chatkit-readiness]')).toBeNull();
    expect(screen.getByTestId('chatkit').parentElement?.style.display).toBe('contents');
    expect(events.map(({ phase, sessionKey }) => `${phase} ${sessionKey}`)).toEqual([
      'loading user_42',
      'ready user_42',
    ]);
  });

  it('keeps counting when the app re-renders it with a new inline environment', async () => {
    let rerender = () => {};
    function App() {
      const [, setCount] = useState(0);
      rerender = () => setCount((count) => count + 1);
      return (
        <ChatKitReadiness environment={{ isVisible: () => true }}>
          <p>no ChatKit here</p>
        </ChatKitReadiness>
      );
    }
    renderWithSession(<App />);
    await advance(10_000);
    act(() => rerender());
    await advance(5_000);
    expect(screen.getByRole('alert').textContent).toContain('There is no <script> for ChatKit on the page');
  });
});
