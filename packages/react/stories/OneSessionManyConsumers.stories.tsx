import {
  ChatSessionProvider,
  type ChatSessionResource,
  maskClientSecret,
  type UseChatSessionResult,
  useChatKitApi,
  useChatSession,
} from '@chatkit-session/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { StrictMode, useEffect, useState } from 'react';
import { expect, userEvent } from 'storybook/test';
import { BackendPanel } from './BackendPanel.js';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { SessionPanel } from './SessionPanel.js';
import { renderScenario } from './SessionScenario.js';
import { StoryPageHeader } from './StoryPageHeader.js';
import { StorySessionProvider } from './StorySessionProvider.js';
import {
  documentedComponent,
  loadSessionStory,
  releaseStoryClock,
  type SessionStoryArgs,
  sessionStoryArgs,
  sessionStoryArgTypes,
  sessionStoryLoaded,
} from './sessionStoryArgs.js';
import { storyPlay } from './storyPlay.js';
import { storyStyles } from './storyStyles.js';

/**
 * One provider, one session, one request per renewal: however many components read it, whoever signs in, and in
 * React's `StrictMode`, which mounts every effect twice.
 */
const meta = {
  title: 'Scenarios/One session, many consumers',
  component: documentedComponent(ChatSessionProvider),
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
  parameters: { msw: [sessionEndpointHandler] },
  args: sessionStoryArgs,
  argTypes: sessionStoryArgTypes,
} satisfies Meta<SessionStoryArgs>;

export default meta;
type Story = StoryObj<SessionStoryArgs>;

const CONSUMERS = 50;

/** One of many components that need the secret: it reads it, and asks for it as ChatKit would on mount. */
function Consumer({ index }: { index: number }) {
  const secret = useChatSession((session) => session.clientSecret);
  const { getClientSecret } = useChatKitApi();
  const [asked, setAsked] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getClientSecret(null).then(
      (value) => live && setAsked(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [getClientSecret]);
  return (
    <li
      data-testid="consumer"
      data-secret={maskClientSecret(secret)}
      data-asked={maskClientSecret(asked)}
      title={`Consumer ${index + 1}`}
      style={{
        ...storyStyles.mono,
        fontSize: 11,
        padding: '2px 4px',
        borderRadius: 4,
        background: secret ? '#dafbe1' : '#f6f8fa',
      }}
    >
      {index + 1}: {maskClientSecret(secret)}
    </li>
  );
}

/**
 * Fifty components call `useChatSession()` and `getClientSecret(null)` at the same moment. The provider sends one
 * request: the counter reads 1, and every component shows the same secret.
 */
export const FiftyConsumers: Story = {
  name: '50 consumers share one session',
  args: { lifetimeSeconds: 600, latencyMs: 600 },
  render: renderScenario({
    intro:
      'Fifty components each read the session and call getClientSecret(null) on mount, all at once. One request ' +
      'goes out; all fifty get its secret.',
    timeline: false,
    children: (
      <section style={storyStyles.card} aria-label="Consumers">
        <h3 style={storyStyles.title}>{CONSUMERS} consumers</h3>
        <ol
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(118px, 1fr))',
            gap: 4,
            padding: 0,
            margin: 0,
            listStyle: 'none',
          }}
        >
          {Array.from({ length: CONSUMERS }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of identical consumers.
            <Consumer key={index} index={index} />
          ))}
        </ol>
      </section>
    ),
  }),
  play: async (context) => {
    const { canvas, read, number, settle, advance } = storyPlay(context);
    // All fifty have asked: one request is out.
    await settle();
    expect(read('status')).toBe('loading');
    expect(number('endpoint-requests')).toBe(1);
    await advance(600);
    expect(read('status')).toBe('active');
    const secret = read('secret');
    const consumers = canvas.getAllByTestId('consumer');
    expect(consumers).toHaveLength(CONSUMERS);
    for (const consumer of consumers) {
      expect(consumer.dataset.secret).toBe(secret);
      expect(consumer.dataset.asked).toBe(secret);
    }
    expect(number('upstream-calls')).toBe(1);
    expect(number('endpoint-requests')).toBe(1);
  },
};

/** Records each secret a view showed, with the user it was shown to. */
function SecretsSeen({ user }: { user: string }) {
  const secret = useChatSession((session) => session.clientSecret);
  const sessionUser = useChatSession(
    (session: UseChatSessionResult<ChatSessionResource>) => session.session?.user ?? null,
  );
  const [seen, setSeen] = useState<{ user: string; secret: string; sessionUser: string | null }[]>([]);
  useEffect(() => {
    setSeen((list) => [...list, { user, secret: maskClientSecret(secret), sessionUser }]);
  }, [user, secret, sessionUser]);
  return (
    <section style={storyStyles.card} aria-label="Secrets seen">
      <h3 style={storyStyles.title}>What the chat view was shown, in order</h3>
      <ol style={{ margin: 0, paddingLeft: 20, ...storyStyles.mono }}>
        {seen.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log.
          <li key={index} data-testid="seen" data-user={entry.user} data-secret={entry.secret}>
            signed in: {entry.user} · secret: {entry.secret} · session user: {entry.sessionUser ?? '–'}
          </li>
        ))}
      </ol>
    </section>
  );
}

function SwitchingUsersDemo({ args, loaded }: { args: SessionStoryArgs; loaded: Record<string, unknown> }) {
  const story = sessionStoryLoaded(loaded);
  const [user, setUser] = useState('alice');
  return (
    <div style={storyStyles.page}>
      <StoryPageHeader
        title="Switching users"
        intro="The provider’s sessionKey is the signed-in user. Switching from Alice to Bob drops Alice’s session at once: Bob’s view shows nothing until his own session arrives (the mock takes 1 s), never Alice’s secret."
      />
      <p style={{ display: 'flex', gap: 8, margin: 0 }}>
        {['alice', 'bob'].map((name) => (
          <button
            key={name}
            type="button"
            style={{ ...storyStyles.button, fontWeight: user === name ? 700 : 400 }}
            onClick={() => setUser(name)}
          >
            Sign in as {name}
          </button>
        ))}
      </p>
      <StorySessionProvider args={args} loaded={story} user={user}>
        <div style={storyStyles.row}>
          <SessionPanel title={`useChatSession() for sessionKey="${user}"`} actions={false} />
          <BackendPanel backend={story.backend} />
        </div>
        <SecretsSeen user={user} />
      </StorySessionProvider>
    </div>
  );
}

/** `sessionKey` goes from Alice to Bob: Bob never sees Alice's secret, and his session is his (`user: 'bob'`). */
export const SwitchingUsers: Story = {
  name: 'Switching users',
  args: { lifetimeSeconds: 600, latencyMs: 1_000 },
  render: (args, { loaded }) => <SwitchingUsersDemo args={args} loaded={loaded} />,
  play: async (context) => {
    const { canvas, read, number, advance } = storyPlay(context);
    await advance(1_000);
    expect(read('session-user')).toBe('alice');
    const alice = read('secret');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in as bob' }));
    // While Bob's session is on its way, his view shows no secret at all.
    await advance(500);
    expect(read('secret')).toBe('–');
    await advance(500);
    expect(read('session-user')).toBe('bob');
    const bob = read('secret');
    expect(bob).not.toBe(alice);
    const shownToBob = canvas
      .getAllByTestId('seen')
      .filter((entry) => entry.dataset.user === 'bob')
      .map((entry) => entry.dataset.secret);
    expect(shownToBob[0]).toBe('–');
    expect(shownToBob).not.toContain(alice);
    expect(shownToBob.at(-1)).toBe(bob);
    expect(number('upstream-calls')).toBe(2);
  },
};

/**
 * In `StrictMode` React mounts, unmounts and mounts every effect again in development. The provider sends no request
 * for the discarded mount: the counter reads 1.
 */
export const StrictModeOneRequest: Story = {
  name: 'StrictMode: one request',
  args: { lifetimeSeconds: 600 },
  decorators: [
    (Story) => (
      <StrictMode>
        <Story />
      </StrictMode>
    ),
  ],
  render: renderScenario({
    intro:
      'The whole story renders inside <StrictMode>, which runs every effect twice on mount. The provider’s first ' +
      'controller is disposed before its request leaves; one request goes out.',
    timeline: false,
  }),
  play: async (context) => {
    const { read, number, advance } = storyPlay(context);
    await advance(150);
    expect(read('status')).toBe('active');
    await advance(1_000);
    expect(number('endpoint-requests')).toBe(1);
    expect(number('upstream-calls')).toBe(1);
  },
};
