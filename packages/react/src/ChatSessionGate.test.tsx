import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithSession } from '../test/renderWithSession.js';
import {
  ChatSessionGate,
  type ChatSessionGateErrorProps,
  type UseChatKitCustomApiResult,
  useChatKitCustomApi,
  useChatSession,
} from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

function Chat() {
  return <p>chat with {useChatSession((session) => session.clientSecret)}</p>;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChatSessionGate', () => {
  it('shows the fallback while the first session loads, then the children', async () => {
    const { container } = renderWithSession(
      <ChatSessionGate fallback={<p>Connecting…</p>}>
        <Chat />
      </ChatSessionGate>,
    );
    expect(container.textContent).toBe('Connecting…');
    await advance(100);
    expect(container.textContent).toBe('chat with ek_test_1');
  });

  it('shows the error and a working "Try again" button when the backend answers 404', async () => {
    const { backend } = renderWithSession(
      <ChatSessionGate fallback={<p>Connecting…</p>}>
        <Chat />
      </ChatSessionGate>,
    );
    backend.script({ kind: 'status', status: 404 });
    await advance(100);
    expect(screen.getByRole('alert').textContent).toContain(
      'The chat could not start: The session endpoint answered 404: failure 404',
    );
    expect(screen.queryByText(/Retrying automatically/)).toBeNull();
    // A stopping error waits for the user: no request of its own.
    await advance(10 * 60_000);
    expect(backend.requests).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Connecting…')).toBeTruthy();
    await advance(100);
    expect(screen.getByText('chat with ek_test_2')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(backend.requests).toBe(2);
  });

  it('says it retries by itself after a transient failure with no session', async () => {
    const { backend } = renderWithSession(
      <ChatSessionGate>
        <Chat />
      </ChatSessionGate>,
    );
    backend.script({ kind: 'status', status: 503 });
    await advance(100);
    expect(screen.getByRole('alert').textContent).toContain('Retrying automatically.');
    await advance(5_000);
    expect(screen.getByText('chat with ek_test_2')).toBeTruthy();
  });

  it('keeps the error view, without flickering to the fallback, while retries after a transient failure run', async () => {
    let fallbacks = 0;
    function Fallback() {
      fallbacks += 1;
      return <p>Connecting…</p>;
    }
    const { backend } = renderWithSession(
      <ChatSessionGate fallback={<Fallback />}>
        <Chat />
      </ChatSessionGate>,
    );
    backend.script({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    await advance(100);
    expect(screen.getByRole('alert').textContent).toContain('Retrying automatically.');
    const fallbacksAtFirstError = fallbacks;
    // Two retries, each in flight for 50 ms: the second fails, the third brings a session.
    await advance(10_000);
    expect(backend.requests).toBe(3);
    expect(screen.getByText('chat with ek_test_3')).toBeTruthy();
    expect(fallbacks).toBe(fallbacksAtFirstError);
  });

  it('renders a custom errorFallback with the error and a retry action', async () => {
    const { backend } = renderWithSession(
      <ChatSessionGate
        errorFallback={({ error, retry }) => (
          <button type="button" onClick={retry}>
            {error.kind} {error.status} {error.requestId}: reconnect
          </button>
        )}
      >
        <Chat />
      </ChatSessionGate>,
    );
    backend.script({ kind: 'status', status: 401 });
    await advance(100);
    const button = screen.getByRole('button', { name: 'unauthorized 401 req_1: reconnect' });
    fireEvent.click(button);
    await advance(100);
    expect(screen.getByText('chat with ek_test_2')).toBeTruthy();
  });

  it('keeps showing the children through a renewal and a transient failure while the secret is valid', async () => {
    let fallbacks = 0;
    function Fallback() {
      fallbacks += 1;
      return <p>Connecting…</p>;
    }
    const { backend, container } = renderWithSession(
      <ChatSessionGate fallback={<Fallback />}>
        <Chat />
      </ChatSessionGate>,
    );
    await advance(100);
    const fallbacksBefore = fallbacks;
    backend.script({ kind: 'status', status: 503 });
    await advance(9 * 60_000);
    expect(backend.requests).toBe(3);
    expect(container.textContent).toBe('chat with ek_test_3');
    expect(fallbacks).toBe(fallbacksBefore);
  });

  it('keeps the state of an inline-arrow errorFallback when the parent re-renders', async () => {
    function ErrorView({ error }: ChatSessionGateErrorProps) {
      const [count, setCount] = useState(0);
      return (
        <div>
          <input aria-label="note" />
          <button type="button" onClick={() => setCount(count + 1)}>
            {error.kind}: {count}
          </button>
        </div>
      );
    }
    function Parent() {
      const [renders, setRenders] = useState(0);
      return (
        <>
          <button type="button" onClick={() => setRenders(renders + 1)}>
            parent {renders}
          </button>
          <ChatSessionGate errorFallback={(props) => <ErrorView {...props} />}>
            <Chat />
          </ChatSessionGate>
        </>
      );
    }
    const { backend } = renderWithSession(<Parent />);
    backend.script({ kind: 'status', status: 404 });
    await advance(100);
    fireEvent.click(screen.getByRole('button', { name: 'not_found: 0' }));
    fireEvent.click(screen.getByRole('button', { name: 'not_found: 1' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'note' }), { target: { value: 'typed' } });
    for (const renders of [0, 1, 2]) fireEvent.click(screen.getByRole('button', { name: `parent ${renders}` }));
    expect(screen.getByText('parent 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'not_found: 2' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'note' }) as HTMLInputElement).value).toBe('typed');
  });

  it('hands the errorFallback the same retry function on every render', async () => {
    const retries = new Set<() => void>();
    function Parent() {
      const [renders, setRenders] = useState(0);
      return (
        <>
          <button type="button" onClick={() => setRenders(renders + 1)}>
            parent {renders}
          </button>
          <ChatSessionGate
            errorFallback={({ retry }) => {
              retries.add(retry);
              return <p>failed</p>;
            }}
          >
            <Chat />
          </ChatSessionGate>
        </>
      );
    }
    const { backend } = renderWithSession(<Parent />);
    backend.script({ kind: 'status', status: 404 });
    await advance(100);
    for (const renders of [0, 1, 2]) fireEvent.click(screen.getByRole('button', { name: `parent ${renders}` }));
    expect(screen.getByText('failed')).toBeTruthy();
    expect(retries.size).toBe(1);
  });

  it('accepts an errorFallback component that uses hooks, and leaves it when a session arrives', async () => {
    function ErrorView({ error, retry }: ChatSessionGateErrorProps) {
      const [clicks, setClicks] = useState(0);
      return (
        <button
          type="button"
          onClick={() => {
            setClicks(clicks + 1);
            retry();
          }}
        >
          {error.kind}: retry ({clicks})
        </button>
      );
    }
    const { backend } = renderWithSession(
      <ChatSessionGate fallback={<p>Connecting…</p>} errorFallback={ErrorView}>
        <Chat />
      </ChatSessionGate>,
    );
    backend.script({ kind: 'status', status: 404 }, { kind: 'status', status: 404 });
    await advance(100);
    fireEvent.click(screen.getByRole('button', { name: 'not_found: retry (0)' }));
    await advance(100);
    fireEvent.click(screen.getByRole('button', { name: 'not_found: retry (0)' }));
    await advance(100);
    expect(screen.getByText('chat with ek_test_3')).toBeTruthy();
  });

  it('shows the error view while the ChatKit server refuses tokens just renewed, and the chat again after "Try again"', async () => {
    let api: UseChatKitCustomApiResult | undefined;
    function CustomChat() {
      api = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_test' });
      return <Chat />;
    }
    // The app's ChatKit server, its key out of step with the token endpoint's until the test says.
    let refusing = true;
    vi.stubGlobal('fetch', async () => new Response(null, { status: refusing ? 401 : 204 }));
    const { backend } = renderWithSession(
      <ChatSessionGate>
        <CustomChat />
      </ChatSessionGate>,
    );
    await advance(100);
    // ChatKit sends a request: 401, a renewal (the backend answers on the fake timers), a replay, 401 again.
    void api?.fetch('/api/chatkit', { method: 'POST', body: '{}' });
    await advance(200);
    expect(screen.getByRole('alert').textContent).toContain('Your ChatKit server refused a fresh token (401)');
    expect(backend.requests).toBe(2);

    refusing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await advance(100);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/^chat with ek_test_3$/)).toBeTruthy();
    vi.unstubAllGlobals();
  });
});
