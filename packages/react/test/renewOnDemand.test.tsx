import type { ChatSessionEvent } from '@chatkit-session/core';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { Activity, StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportEvents, useChatKitApi, usePrefetchChatSession } from '../src/index.js';
import { renderWithSession } from './renderWithSession.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Stands in for `<ChatKit>`: asks for a secret on mount, as ChatKit does, and shows it. */
function Chat() {
  const { getClientSecret } = useChatKitApi();
  const [secret, setSecret] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);
  if (!asked) {
    setAsked(true);
    // As ChatKit does: a call the user switch superseded is asked again, for the user signed in now.
    void getClientSecret(null).then(setSecret, (error: { kind?: string }) => {
      if (error.kind === 'superseded') setAsked(false);
    });
  }
  return <output aria-label="chat">{secret}</output>;
}

/** A page with a button that opens the chat, prefetching on hover and focus. */
function Page() {
  const [open, setOpen] = useState(false);
  const prefetch = usePrefetchChatSession();
  return (
    <>
      <button type="button" onPointerEnter={prefetch} onFocus={prefetch} onClick={() => setOpen(!open)}>
        Chat
      </button>
      {open && <Chat />}
    </>
  );
}

/** The page under StrictMode, with the types of the events its session reports. */
function renderPageInStrictMode() {
  const events: ChatSessionEvent['type'][] = [];
  const rendered = renderWithSession(
    <StrictMode>
      <Page />
    </StrictMode>,
    { telemetry: reportEvents((event) => events.push(event.type)) },
  );
  return { ...rendered, events };
}

describe('renewing for someone, in React', () => {
  it('fetches nothing until ChatKit mounts, renews while it is, lets the session lapse once it is gone, and fetches again when it returns', async () => {
    const { backend, events } = renderPageInStrictMode();
    // The provider alone needs no session: a visitor who never opens the chat costs no request.
    await advance(MINUTE);
    expect(backend.requests).toBe(0);
    fireEvent.click(screen.getByRole('button'));
    await advance(100);
    expect(backend.reasons).toEqual(['initial']);
    expect(screen.getByLabelText('chat').textContent).toBe('ek_test_1');
    // Open for 30 minutes: renewed on schedule, about once per 9 minutes, under StrictMode's double effects.
    await advance(30 * MINUTE);
    expect(backend.reasons).toEqual(['initial', 'scheduled', 'scheduled', 'scheduled']);
    fireEvent.click(screen.getByRole('button'));
    await advance(60 * MINUTE);
    // Closed: nothing for an hour (the chat's own calls went with it).
    expect(backend.requests).toBe(4);
    expect(events).toContain('lapse');
    expect(events.at(-1)).toBe('expiry');
    const before = backend.requests;
    fireEvent.click(screen.getByRole('button'));
    await advance(100);
    expect(backend.requests).toBe(before + 1);
    expect(backend.reasons.at(-1)).toBe('on-demand');
    expect(screen.getByLabelText('chat').textContent).toBe(`ek_test_${before + 1}`);
  });

  it('has the secret ready when ChatKit mounts after a hover, with no request of its own', async () => {
    const { backend } = renderWithSession(<Page />);
    await advance(100);
    // An hour idle: the first session lapsed long ago.
    await advance(60 * MINUTE);
    const idle = backend.requests;
    fireEvent.pointerEnter(screen.getByRole('button'));
    fireEvent.focus(screen.getByRole('button'));
    await advance(100);
    expect(backend.requests).toBe(idle + 1);
    fireEvent.click(screen.getByRole('button'));
    await advance(0);
    expect(screen.getByLabelText('chat').textContent).toBe(`ek_test_${idle + 1}`);
    expect(backend.requests).toBe(idle + 1);
  });

  it('reports no lapse when StrictMode mounts ChatKit twice: a hold released and taken again at once is no release', async () => {
    const { backend, events } = renderPageInStrictMode();
    fireEvent.pointerEnter(screen.getByRole('button'));
    await advance(100);
    // A prefetch is intent, not need: nothing renews the session it brought until the chat opens.
    expect(events).toEqual(['request', 'renewal', 'lapse']);
    events.length = 0;
    fireEvent.click(screen.getByRole('button'));
    await advance(MINUTE);
    // Open for 20 minutes: renewed on schedule, and nothing was ever let go.
    await advance(20 * MINUTE);
    expect(backend.reasons).toEqual(['prefetch', 'scheduled', 'scheduled']);
    expect(events).not.toContain('lapse');
  });

  it('lets the session lapse while <Activity> hides ChatKit, and renews at once when it shows it again', async () => {
    function Page({ mode }: { mode: 'visible' | 'hidden' }) {
      return (
        <Activity mode={mode}>
          <Chat />
        </Activity>
      );
    }
    const { backend, rerenderWith } = renderWithSession(<Page mode="visible" />);
    await advance(100);
    expect(backend.reasons).toEqual(['initial']);
    // Hidden, ChatKit's effects are gone, and with them its need: nothing is renewed for 20 minutes.
    rerenderWith(<Page mode="hidden" />);
    await advance(20 * MINUTE);
    expect(backend.requests).toBe(1);
    // Shown again (its state kept), it needs the session at once: one request, on demand.
    rerenderWith(<Page mode="visible" />);
    await advance(100);
    expect(backend.reasons).toEqual(['initial', 'on-demand']);
  });

  it("moves ChatKit's need to the next user on a switch: the new user's session is renewed, the old one's is not", async () => {
    const { backend, rerenderWith } = renderWithSession(<Chat />, { sessionKey: 'alice' });
    await advance(100);
    rerenderWith(<Chat />, { sessionKey: 'bob' });
    await advance(100);
    const afterSwitch = backend.requests;
    // Bob's session renews on schedule for as long as the chat stays; Alice's controller renews nothing more.
    await advance(20 * MINUTE);
    expect(backend.requests - afterSwitch).toBe(2);
    expect(backend.reasons.slice(afterSwitch)).toEqual(['scheduled', 'scheduled']);
  });

  it("reports whose session each event is about: the previous user's request, cut short by a switch, is theirs", async () => {
    const events: string[] = [];
    const onEvent = (event: ChatSessionEvent) => events.push(`${event.type} ${event.sessionKey}`);
    const { rerenderWith } = renderWithSession(<Chat />, {
      sessionKey: 'alice',
      latencyMs: 5_000,
      telemetry: reportEvents(onEvent),
    });
    await advance(100);
    rerenderWith(<Chat />, { sessionKey: 'bob', telemetry: reportEvents(onEvent) });
    await advance(10_000);
    expect(events).toEqual(['request alice', 'request bob', 'failure alice', 'renewal bob']);
  });
});
