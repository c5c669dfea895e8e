import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { chatKitServerHandler } from './createStoryChatKitServer.js';
import {
  loadSessionStory,
  releaseStoryClock,
  type SessionStoryArgs,
  sessionStoryArgs,
  sessionStoryArgTypes,
  sessionStoryLoaded,
} from './sessionStoryArgs.js';
import { storyPlay } from './storyPlay.js';
import { UserSwitchPage, type UserSwitchPageProps } from './UserSwitchPage.js';

/**
 * Switching users while a renewal is slow (issue #20): a call belongs to the user signed in when it was made. One still
 * waiting when the user changes rejects as `superseded`, never answered with the next user's secret; in custom-backend
 * mode, no request of one user goes out with another's token, and none is replayed with it after a 401.
 */
const meta = {
  title: 'Scenarios/Switching users mid-renewal',
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
  parameters: {
    msw: [sessionEndpointHandler, chatKitServerHandler],
    controls: { include: ['lifetimeSeconds', 'latencyMs', 'failureScript'] },
  },
  // Every session takes 2 s to mint: the switch lands while one is on its way.
  args: { ...sessionStoryArgs, lifetimeSeconds: 600, latencyMs: 2_000 },
  argTypes: sessionStoryArgTypes,
} satisfies Meta<SessionStoryArgs>;

export default meta;
type Story = StoryObj<SessionStoryArgs>;

const LATENCY_MS = 2_000;

/** A story's render function: `UserSwitchPage` with the story's args, loaded backend and name. */
function renderPage(props: Pick<UserSwitchPageProps, 'mode' | 'intro'>) {
  return (args: SessionStoryArgs, context: { readonly name: string; readonly loaded: Record<string, unknown> }) => (
    <UserSwitchPage args={args} loaded={sessionStoryLoaded(context.loaded)} title={context.name} {...props} />
  );
}

/** The readers these plays share: the page's buttons and its log of ChatKit's calls. */
function pagePlay(context: Parameters<typeof storyPlay>[0]) {
  const play = storyPlay(context);
  const { canvas } = play;
  return {
    ...play,
    click: (name: string | RegExp) => userEvent.click(canvas.getByRole('button', { name })),
    /** Each call ChatKit made: the user it was made for, and how it ended (the secret's owner, or the rejection). */
    calls: () =>
      canvas.queryAllByTestId('chat-call').map((row) => ({ madeFor: row.dataset.madeFor, ended: row.dataset.ended })),
  };
}

/**
 * Hosted mode: alice's chat asks for a new secret (as after a 401) and the renewal takes 2 s; bob signs in 1 s into
 * it. Alice's call rejects as superseded at once; bob's chat gets bob's secret.
 */
export const HostedMode: Story = {
  name: 'Hosted: getClientSecret during a slow renewal',
  render: renderPage({
    mode: 'hosted',
    intro:
      'Alice is signed in and opens the chat (a stand-in for ChatKit with useChatKitApi(), remounted for each user). ' +
      'Each session takes 2 s to mint. Her chat asks for a new secret; while that renewal is on its way, bob signs ' +
      'in. Her call rejects as superseded (her thread must never get bob’s secret); bob’s chat gets bob’s own.',
  }),
  play: async (context) => {
    const { click, calls, advance, settle } = pagePlay(context);
    await click('Chat with us');
    await advance(LATENCY_MS);
    expect(calls()).toEqual([{ madeFor: 'alice', ended: 'alice' }]);

    // A renewal for alice, slow; bob signs in halfway through it.
    await click(/^Ask for a new secret now/);
    await advance(LATENCY_MS / 2);
    expect(calls()[1]).toEqual({ madeFor: 'alice', ended: 'pending' });
    await click('Sign in as bob');
    await settle();
    const atSwitch = calls()[1];
    await advance(2 * LATENCY_MS);

    // No call made for alice was answered with bob's secret: her renewal was superseded, at the switch.
    expect(calls().filter((call) => call.madeFor === 'alice' && call.ended === 'bob')).toEqual([]);
    expect(calls()).toEqual([
      { madeFor: 'alice', ended: 'alice' },
      { madeFor: 'alice', ended: 'superseded' },
      { madeFor: 'bob', ended: 'bob' },
    ]);
    expect(atSwitch).toEqual({ madeFor: 'alice', ended: 'superseded' });
  },
};

/**
 * Custom-backend mode: the app's ChatKit server refuses alice's message with 401; the renewal for its replay takes
 * 2 s, and bob signs in 1 s into it. The message is never replayed with bob's token; bob's requests carry his own.
 */
export const CustomBackendMode: Story = {
  name: 'Custom backend: a 401 replay during a slow renewal',
  render: renderPage({
    mode: 'custom',
    intro:
      'Alice is signed in and opens the chat (a stand-in for ChatKit in custom-backend mode, its requests through ' +
      'useChatKitCustomApi({ url, domainKey }).fetch). The app’s ChatKit server refuses her message once (401); the fetch ' +
      'renews her secret to send it again, and the renewal takes 2 s. Bob signs in meanwhile: her message is not ' +
      'replayed with bob’s token (it rejects as superseded), and bob’s chat sends his requests with his own.',
  }),
  play: async (context) => {
    const { canvas, click, calls, advance } = pagePlay(context);
    const requests = () =>
      canvas.queryAllByTestId('server-request').map((row) => ({
        madeFor: row.dataset.madeFor,
        tokenOf: row.dataset.tokenOf,
        status: row.dataset.status,
      }));
    await click('Chat with us');
    await advance(LATENCY_MS);
    expect(requests()).toEqual([{ madeFor: 'alice', tokenOf: 'alice', status: '200' }]);

    // The server refuses alice's message; the renewal for its replay is slow, and bob signs in halfway through it.
    await click('Refuse the next request (401)');
    await click('Send a message');
    await advance(LATENCY_MS / 2);
    expect(requests()[1]).toEqual({ madeFor: 'alice', tokenOf: 'alice', status: '401' });
    await click('Sign in as bob');
    await advance(2 * LATENCY_MS);

    // Each request the server got carried a token of the user it was made for: none of alice's went out with bob's
    // (her message was not replayed with it), none of bob's with alice's.
    expect(requests().filter((request) => request.tokenOf !== request.madeFor)).toEqual([]);
    expect(requests()).toEqual([
      { madeFor: 'alice', tokenOf: 'alice', status: '200' },
      { madeFor: 'alice', tokenOf: 'alice', status: '401' },
      { madeFor: 'bob', tokenOf: 'bob', status: '200' },
    ]);
    expect(calls()).toEqual([
      { madeFor: 'alice', ended: 'http-200' },
      { madeFor: 'alice', ended: 'superseded' },
      { madeFor: 'bob', ended: 'http-200' },
    ]);
  },
};
