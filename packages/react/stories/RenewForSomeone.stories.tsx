import { maskClientSecret } from '@chatkit-session/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { OpenChatPage, type OpenChatPageProps } from './OpenChatPage.js';
import {
  loadSessionStory,
  releaseStoryClock,
  type SessionStoryArgs,
  sessionStoryArgs,
  sessionStoryArgTypes,
  sessionStoryLoaded,
} from './sessionStoryArgs.js';
import { storyPlay } from './storyPlay.js';

/**
 * Renewing for someone (issue #16): the provider fetches and renews only while something on the page
 * needs the secret, here a mounted ChatKit. A closed chat lets the session lapse; opening it again fetches one session
 * on demand, or none when `usePrefetchChatSession()` got it ready on hover; `keepWarm` renews regardless.
 */
const meta = {
  title: 'Scenarios/Renewing for someone',
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
  parameters: {
    msw: [sessionEndpointHandler],
    // The page's provider takes the mock's knobs; the policy controls of the other scenarios would change nothing.
    controls: { include: ['lifetimeSeconds', 'latencyMs', 'failureScript', 'upstreamClockOffsetSeconds'] },
  },
  args: { ...sessionStoryArgs, lifetimeSeconds: 20 },
  argTypes: sessionStoryArgTypes,
} satisfies Meta<SessionStoryArgs>;

export default meta;
type Story = StoryObj<SessionStoryArgs>;

const LIFETIME_MS = 20_000;
// ChatKit asks for a new secret before the one it holds expires: here three quarters into a 20 s session, after the
// provider's renewal (about halfway) has landed.
const ASK_AGAIN_AFTER_MS = 15_000;

/** A story's render function: `OpenChatPage` with the story's args, loaded backend and name. */
function renderPage(props: Omit<OpenChatPageProps, 'args' | 'loaded' | 'title' | 'askAgainAfterMs'>) {
  return (args: SessionStoryArgs, context: { readonly name: string; readonly loaded: Record<string, unknown> }) => (
    <OpenChatPage
      args={args}
      loaded={sessionStoryLoaded(context.loaded)}
      title={context.name}
      askAgainAfterMs={ASK_AGAIN_AFTER_MS}
      {...props}
    />
  );
}

/** The readers these plays share: the request log's reasons and the ChatKit stand-in's answers. */
function pagePlay(context: Parameters<typeof storyPlay>[0]) {
  const play = storyPlay(context);
  const { backend, canvas } = play;
  return {
    ...play,
    /** The reason of every request the backend served, oldest first. */
    reasons: () => backend.getSnapshot().requests.map((request) => request.reason),
    /** The masked secret of the backend's `index`th request. */
    secretOf: (index: number) => maskClientSecret(backend.getSnapshot().requests[index]?.secret ?? null),
    /** What the stand-in's getClientSecret calls resolved to, masked, oldest first. */
    answers: () =>
      canvas
        .queryAllByTestId('chatkit-result')
        .map((cell) => cell.textContent?.replace('→ ', '') ?? '')
        .filter((text) => text.startsWith('ek_')),
    chatButton: () => canvas.getByRole('button', { name: /^(Chat with us|Close chat)$/ }),
    status: (testId: 'chat-state' | 'latest-secret') => canvas.getByTestId(testId).textContent ?? '',
    /** Checks that each session so far arrived before the one it replaced expired. */
    expectNoGap() {
      const requests = backend.getSnapshot().requests;
      for (const [index, request] of requests.entries()) {
        const previous = requests[index - 1];
        if (previous) expect(request.finishedAt ?? 0).toBeLessThan(previous.expiresAt ?? 0);
      }
    },
  };
}

/**
 * Open, the chat keeps the session renewed on schedule; closed, the renewal it would have had is let go and the
 * session expires; opened again, it gets a new session from exactly one on-demand request.
 */
export const ChatOpenAndClosed: Story = {
  name: 'Chat open vs closed',
  render: renderPage({
    intro:
      'Sessions of 20 s; nothing on this page reads the session but the chat, so the provider fetches nothing until ' +
      'it opens. Opened, the chat (a stand-in for ChatKit, with useChatKitApi()) gets its first session at once, and ' +
      'the provider renews it about halfway through each ' +
      'session. Closed, nothing needs it: the next renewal is not sent, the secret expires, and the request log stays ' +
      'still for as long as the chat stays closed. Opened again, one on-demand request brings a new session.',
  }),
  play: async (context) => {
    const { number, advance, advanceUntil, reasons, secretOf, answers, chatButton, status, expectNoGap } =
      pagePlay(context);
    // The chat is closed and nothing else needs a session: the provider fetches none.
    await advance(LIFETIME_MS);
    expect(reasons()).toEqual([]);
    expect(status('chat-state')).toBe('closed');

    // Open: one request, and ChatKit's getClientSecret(null) gets its secret once it is in.
    await userEvent.click(chatButton());
    await advanceUntil(() => expect(answers()).toEqual([secretOf(0)]), 1_000);
    expect(reasons()).toEqual(['initial']);
    expect(number('endpoint-requests')).toBe(1);

    // While open, renewals go out on schedule, each before its predecessor expires; ChatKit asking again before
    // expiry gets the renewed secret, not a request of its own.
    await advanceUntil(() => expect(number('upstream-calls')).toBe(3), 2 * LIFETIME_MS);
    await advanceUntil(() => expect(answers().at(-1)).toBe(secretOf(2)), LIFETIME_MS);
    expect(reasons()).toEqual(['initial', 'scheduled', 'scheduled']);
    expectNoGap();

    // Close: the renewal the latest session would get is let go; for three lifetimes no request goes out, and the
    // secret expires.
    await userEvent.click(chatButton());
    expect(status('chat-state')).toBe('closed');
    await advance(3 * LIFETIME_MS);
    expect(number('upstream-calls')).toBe(3);
    expect(number('endpoint-requests')).toBe(3);
    expect(status('latest-secret')).toMatch(/^expired at/);

    // Open again: exactly one on-demand request, and ChatKit gets its secret.
    await userEvent.click(chatButton());
    await advance(150);
    expect(reasons()).toEqual(['initial', 'scheduled', 'scheduled', 'on-demand']);
    expect(answers()).toEqual([secretOf(3)]);
    await advance(1_000);
    expect(number('upstream-calls')).toBe(4);
  },
};

/**
 * After a lapse, the pointer reaching "Chat with us" prefetches: one request with reason `prefetch`. The click that
 * follows opens the chat, whose first getClientSecret(null) gets that secret with no request.
 */
export const PrefetchOnHover: Story = {
  name: 'Prefetch on hover',
  render: renderPage({
    prefetchOnIntent: true,
    intro:
      'Sessions of 20 s. Nothing has needed a session yet: the chat was never opened. The button calls ' +
      'usePrefetchChatSession() on pointer enter and focus: hovering it sends one request (reason prefetch), so the ' +
      'secret is ready when the chat opens a moment later; clicking sends none.',
  }),
  play: async (context) => {
    const { number, advance, until, reasons, secretOf, answers, chatButton, status } = pagePlay(context);
    // With the chat closed, nothing needs a session: none is fetched.
    await advance(LIFETIME_MS + 5_000);
    expect(reasons()).toEqual([]);
    expect(status('latest-secret')).toBe('none');

    // The pointer reaches the button: one request, reason prefetch.
    await userEvent.hover(chatButton());
    await advance(150);
    expect(reasons()).toEqual(['prefetch']);
    expect(status('latest-secret')).toMatch(/^valid for/);

    // The click opens the chat: ChatKit's first call gets the prefetched secret, and no request goes out.
    await userEvent.click(chatButton());
    await until(() => expect(answers()).toEqual([secretOf(0)]));
    await advance(1_000);
    expect(reasons()).toEqual(['prefetch']);
    expect(number('upstream-calls')).toBe(1);
  },
};

/**
 * With `keepWarm`, the same page renews on schedule with the chat closed: the secret never expires, and opening the
 * chat gets the current one with no request.
 */
export const KeepWarm: Story = {
  name: 'keepWarm: renewed with the chat closed',
  args: { keepWarm: true },
  render: renderPage({
    intro:
      'The same page, with keepWarm on the provider. Sessions of 20 s: the chat stays closed, and still a renewal goes ' +
      'out about halfway through each session, from mount to unmount. The chat opens on a ready secret every time, ' +
      'at the price of a renewal per session whether anyone chats or not.',
  }),
  play: async (context) => {
    const { backend, number, advance, until, reasons, secretOf, answers, chatButton, status, expectNoGap } =
      pagePlay(context);
    // Three lifetimes with the chat closed: a scheduled renewal in each half lifetime, each before its predecessor
    // expires.
    await advance(3 * LIFETIME_MS);
    expect(status('chat-state')).toBe('closed');
    const requests = backend.getSnapshot().requests;
    expect(requests.length).toBeGreaterThanOrEqual(6);
    expect(reasons()).toEqual(['initial', ...Array(requests.length - 1).fill('scheduled')]);
    expectNoGap();
    expect(status('latest-secret')).toMatch(/^valid for/);

    // Opening the chat: its first call gets the current secret, with no request.
    const before = number('endpoint-requests');
    await userEvent.click(chatButton());
    await until(() => expect(answers()).toEqual([secretOf(before - 1)]));
    expect(number('endpoint-requests')).toBe(before);
  },
};
