import { useChatKitApi } from '@chatkit-session/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { ChatKitStandIn } from './ChatKitStandIn.js';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { renderScenario } from './SessionScenario.js';
import {
  loadSessionStory,
  releaseStoryClock,
  type SessionStoryArgs,
  sessionStoryArgs,
  sessionStoryArgTypes,
} from './sessionStoryArgs.js';
import { storyPlay } from './storyPlay.js';
import { useStoryClock } from './useStoryClock.js';

/**
 * How the session reaches ChatKit: `useChatKitApi()` returns `{ getClientSecret }`, the `api` option of
 * `useChatKit({ api })` from `@openai/chatkit-react`. The real `<openai-chatkit>` element loads from OpenAI's CDN, so
 * this story uses a clearly labelled stand-in that calls `getClientSecret` the way ChatKit does.
 */
const meta = {
  title: 'Integration/ChatKit (stand-in)',
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
  parameters: { msw: [sessionEndpointHandler] },
  args: sessionStoryArgs,
  argTypes: sessionStoryArgTypes,
} satisfies Meta<SessionStoryArgs>;

export default meta;
type Story = StoryObj<SessionStoryArgs>;

const ASK_AGAIN_AFTER_MS = 8_000;

function ChatKitWithSession() {
  // In an app: const { control } = useChatKit({ api: useChatKitApi() }); return <ChatKit control={control} />;
  const api = useChatKitApi();
  // ChatKit keeps time with the browser's timers; in the story, the stand-in keeps it on the story clock.
  return <ChatKitStandIn api={api} timers={useStoryClock()} askAgainAfterMs={ASK_AGAIN_AFTER_MS} />;
}

/**
 * The stand-in asks with `null` on mount and gets the provider's secret; 8 s later it asks with that secret and gets
 * the one the provider already renewed to, with no extra request; asked again at once (as after a 401), it gets a
 * fresh secret from one new request, never the one it handed in.
 */
export const ChatKitGetClientSecret: Story = {
  name: 'ChatKit getClientSecret (stand-in element)',
  args: { lifetimeSeconds: 10 },
  render: renderScenario({
    intro:
      'useChatKitApi() gives ChatKit its getClientSecret and keeps the session renewed while mounted. Sessions of 10 s: ' +
      'the provider renews before a quarter of the lifetime is left, so when the stand-in asks again at 8 s the ' +
      'renewed secret is already there.',
    timelineSeconds: 30,
    children: <ChatKitWithSession />,
  }),
  play: async (context) => {
    const { canvas, read, number, advance, advanceUntil } = storyPlay(context);
    const calls = () => canvas.queryAllByTestId('chatkit-call');
    const result = (index: number) =>
      calls()[index]?.querySelector('[data-testid="chatkit-result"]')?.textContent?.replace('→ ', '') ?? '';

    // On mount: getClientSecret(null) resolves to the provider's secret.
    await advance(150);
    expect(result(0)).toMatch(/^ek_…/);
    expect(calls()[0]?.dataset.given).toBe('–');
    expect(result(0)).toBe(read('secret'));

    // Before expiry: asked with the secret in use, it gets the renewed one; the renewal was the only request.
    await advanceUntil(() => expect(result(1)).toMatch(/^ek_…/), 12_000);
    expect(calls()[1]?.dataset.given).toBe(result(0));
    expect(result(1)).not.toBe(result(0));
    expect(result(1)).toBe(read('secret'));
    expect(number('upstream-calls')).toBe(2);

    // As after a 401: asked again with the secret in use, it gets a new one from exactly one more request.
    await userEvent.click(canvas.getByRole('button', { name: /^Ask for a new secret now/ }));
    await advance(150);
    expect(result(2)).toMatch(/^ek_…/);
    expect(calls()[2]?.dataset.given).toBe(result(1));
    expect(result(2)).not.toBe(result(1));
    expect(number('upstream-calls')).toBe(3);
  },
};
