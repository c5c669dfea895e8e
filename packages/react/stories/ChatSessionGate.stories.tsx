import { ChatSessionGate, maskClientSecret, useChatSession, useSuspenseChatSession } from '@chatkit-session/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { Suspense } from 'react';
import { expect } from 'storybook/test';
import { BackendPanel } from './BackendPanel.js';
import { sessionEndpointHandler } from './createStoryBackend.js';
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
 * Two ways to render the chat only once there is a session: `<ChatSessionGate fallback>` (no Suspense needed), and
 * `useSuspenseChatSession()` under a `<Suspense>` boundary, which suspends until the first session arrives and
 * throws a terminal error to the nearest error boundary.
 */
const meta = {
  title: 'Components/ChatSessionGate',
  component: documentedComponent(ChatSessionGate),
  tags: ['autodocs'],
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
  parameters: { msw: [sessionEndpointHandler] },
  args: sessionStoryArgs,
  argTypes: sessionStoryArgTypes,
} satisfies Meta<SessionStoryArgs>;

export default meta;
type Story = StoryObj<SessionStoryArgs>;

function GatedChat() {
  const secret = useChatSession((session) => session.clientSecret);
  return (
    <p data-testid="gate-ready" style={{ margin: 0, color: '#1a7f37', fontWeight: 600 }}>
      Chat ready with {maskClientSecret(secret)}
    </p>
  );
}

function SuspendedChat() {
  const { clientSecret, expiresAt } = useSuspenseChatSession();
  return (
    <p data-testid="suspense-ready" style={{ margin: 0, color: '#1a7f37', fontWeight: 600 }}>
      Chat ready with {maskClientSecret(clientSecret)}, until {new Date(expiresAt).toLocaleTimeString('en-GB')}
    </p>
  );
}

const loading = (testId: string, text: string) => (
  <p data-testid={testId} style={storyStyles.note}>
    {text}
  </p>
);

/**
 * While the first session loads (the mock takes 1.5 s) both show their fallback; then both render the chat with the
 * same secret, from one request.
 */
export const SuspenseAndGate: Story = {
  name: 'Suspense and ChatSessionGate',
  args: { lifetimeSeconds: 600, latencyMs: 1_500 },
  render: (args, { loaded }) => {
    const story = sessionStoryLoaded(loaded);
    return (
      <div style={storyStyles.page}>
        <StoryPageHeader
          title="Suspense and ChatSessionGate"
          intro="The first session takes 1.5 s. Left, a gate with a fallback; right, a component that calls useSuspenseChatSession() under a Suspense boundary. Both show the chat once the one request answers."
        />
        <StorySessionProvider args={args} loaded={story}>
          <div style={storyStyles.row}>
            <section style={storyStyles.card} aria-label="Gate">
              <h3 style={storyStyles.title}>{'<ChatSessionGate fallback={…}>'}</h3>
              <ChatSessionGate fallback={loading('gate-fallback', 'Starting the chat…')}>
                <GatedChat />
              </ChatSessionGate>
            </section>
            <section style={storyStyles.card} aria-label="Suspense">
              <h3 style={storyStyles.title}>{'<Suspense> + useSuspenseChatSession()'}</h3>
              <Suspense fallback={loading('suspense-fallback', 'Suspended until the session arrives…')}>
                <SuspendedChat />
              </Suspense>
            </section>
            <BackendPanel backend={story.backend} />
          </div>
        </StorySessionProvider>
      </div>
    );
  },
  play: async (context) => {
    const { canvas, number, settle, advance, until } = storyPlay(context);
    await settle();
    expect(canvas.getByTestId('gate-fallback')).toBeVisible();
    expect(canvas.getByTestId('suspense-fallback')).toBeVisible();
    await advance(1_499);
    expect(canvas.getByTestId('gate-fallback')).toBeVisible();
    expect(canvas.getByTestId('suspense-fallback')).toBeVisible();
    await advance(1);
    const gated = canvas.getByTestId('gate-ready');
    // React reveals a Suspense boundary's content on its own real-time throttle (300 ms); the story clock stands still.
    const suspended = await until(() => canvas.getByTestId('suspense-ready'));
    const secret = gated.textContent?.replace('Chat ready with ', '') ?? '';
    expect(secret).toMatch(/^ek_…[0-9a-f]{4}$/);
    expect(suspended).toHaveTextContent(`Chat ready with ${secret}, until`);
    expect(canvas.queryByTestId('gate-fallback')).toBeNull();
    expect(canvas.queryByTestId('suspense-fallback')).toBeNull();
    expect(number('upstream-calls')).toBe(1);
  },
};
