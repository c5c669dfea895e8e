import { ChatSessionDevtools } from '@chatkit-session/react/devtools';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { SessionScenario } from './SessionScenario.js';
import { saveStoryScreenshot } from './saveStoryScreenshot.js';
import {
  loadSessionStory,
  releaseStoryClock,
  type SessionStoryArgs,
  sessionStoryArgs,
  sessionStoryArgTypes,
  sessionStoryLoaded,
} from './sessionStoryArgs.js';
import { storyPlay } from './storyPlay.js';

type DevtoolsStoryArgs = SessionStoryArgs & {
  /** Whether the panel starts open. */
  readonly initialIsOpen: boolean;
  /** The corner the devtools sit in. */
  readonly position: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
};

/**
 * `<ChatSessionDevtools>` from `@chatkit-session/react/devtools`: a corner panel for development that shows the
 * session's status, time left, next renewal, failed attempts, last error, the masked secret, and a timeline of
 * renewals and failures, with a button to renew now. Mount it inside the provider, in development only.
 */
const meta = {
  title: 'Components/ChatSessionDevtools',
  component: ChatSessionDevtools,
  tags: ['autodocs'],
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
  parameters: { msw: [sessionEndpointHandler], docs: { story: { inline: false, iframeHeight: 720 } } },
  args: { ...sessionStoryArgs, initialIsOpen: true, position: 'bottom-right' },
  argTypes: {
    ...sessionStoryArgTypes,
    initialIsOpen: { control: 'boolean', table: { category: 'ChatSessionDevtools' } },
    position: {
      control: 'inline-radio',
      options: ['bottom-right', 'bottom-left', 'top-right', 'top-left'],
      table: { category: 'ChatSessionDevtools' },
    },
  },
  render: ({ initialIsOpen, position, ...args }, { loaded, name }) => (
    // Tall enough for the panel in its corner to show in the story's screenshot.
    <div style={{ minHeight: 860 }}>
      <SessionScenario
        args={args}
        loaded={sessionStoryLoaded(loaded)}
        title={name}
        intro="The devtools panel in the corner, open: sessions of 10 s, and a renewal that meets a 503 and is retried."
        timelineSeconds={20}
      >
        <ChatSessionDevtools initialIsOpen={initialIsOpen} position={position} />
      </SessionScenario>
    </div>
  ),
} satisfies Meta<DevtoolsStoryArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The open panel over a live session: a first session, a renewal that fails with a 503 (502 from the handler) and
 * its successful retry, newest first. The secret is masked: the page never contains it whole.
 */
export const DevtoolsPanel: Story = {
  name: 'Devtools panel',
  args: { lifetimeSeconds: 10, failureScript: 'ok, 503', retryBaseDelayMs: 300 },
  play: async (context) => {
    const { backend, canvas, read, number, settle, advance, advanceUntil } = storyPlay(context);
    await settle();
    const devtools = within(canvas.getByRole('region', { name: 'ChatKit session devtools' }));
    const field = (name: string) => devtools.getByText(name).nextElementSibling?.textContent ?? '';
    await advance(150);
    expect(field('Status')).toBe('active');
    await advanceUntil(() => expect(number('upstream-calls')).toBe(3), 12_000);
    expect(devtools.getAllByRole('listitem')).toHaveLength(3);
    const entries = devtools.getAllByRole('listitem').map((item) => item.lastElementChild?.textContent ?? '');
    expect(entries[0]).toMatch(/^Renewed cksess_/);
    expect(entries[1]).toMatch(/^Failed: server 502, retrying req_/);
    expect(entries[2]).toMatch(/^Session started cksess_/);
    expect(field('Status')).toBe('active');
    // Masked by the same maskClientSecret as the session panel, and no secret anywhere in the page.
    expect(field('Client secret')).toMatch(/^ek_…[0-9a-f]{4}$/);
    expect(field('Client secret')).toBe(read('secret'));
    for (const request of backend.getSnapshot().requests) {
      if (request.secret) expect(context.canvasElement.innerHTML).not.toContain(request.secret);
    }
    expect(field('Time left')).toMatch(/^0:0\d$/);
    await advance(300);
    await saveStoryScreenshot('devtools-panel');

    // Renew now: exactly one more request.
    await userEvent.click(devtools.getByRole('button', { name: 'Renew now' }));
    await advance(150);
    expect(number('upstream-calls')).toBe(4);
    await advance(500);
    expect(number('upstream-calls')).toBe(4);
  },
};
