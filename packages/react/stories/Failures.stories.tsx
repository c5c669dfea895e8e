import { ChatSessionGate, ChatSessionProvider, maskClientSecret, useChatSession } from '@chatkit-session/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { renderScenario } from './SessionScenario.js';
import {
  documentedComponent,
  loadSessionStory,
  releaseStoryClock,
  type SessionStoryArgs,
  sessionStoryArgs,
  sessionStoryArgTypes,
} from './sessionStoryArgs.js';
import { storyPlay } from './storyPlay.js';
import { storyStyles } from './storyStyles.js';

/**
 * What the provider does when the backend or ChatKit fails: transient failures (network, 5xx, 429) are retried with
 * backoff while the current secret stays in use; terminal ones (a wrong workflow or key) stop until someone retries.
 * The failure script of the mock ChatKit API is a control: `ok, 503, network` means the first call gets a session,
 * the next a 503, the one after that a dropped connection.
 */
const meta = {
  title: 'Scenarios/Failures',
  component: documentedComponent(ChatSessionProvider),
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
  parameters: { msw: [sessionEndpointHandler] },
  args: sessionStoryArgs,
  argTypes: sessionStoryArgTypes,
} satisfies Meta<SessionStoryArgs>;

export default meta;
type Story = StoryObj<SessionStoryArgs>;

/**
 * The first renewal fails twice (a 503, then a dropped connection) and is retried with backoff; all the while the
 * old secret stays in use and the status stays `active`, and the third attempt brings a new secret before it expires.
 */
export const TransientFailureAndRecovery: Story = {
  name: 'Transient failure and recovery',
  args: { lifetimeSeconds: 10, failureScript: 'ok, 503, network', retryBaseDelayMs: 300 },
  render: renderScenario({
    intro:
      'The renewal of a 10 s session meets a 503 and then a dropped connection. The provider retries with backoff ' +
      '(here from 0.3 s) and keeps handing out the old secret, which is still valid, until a new one arrives.',
    timelineSeconds: 20,
  }),
  play: async (context) => {
    const { backend, read, number, advance, advanceUntil } = storyPlay(context);
    await advance(150);
    expect(read('status')).toBe('active');
    const first = read('secret');
    // The renewal fails: an error is recorded, the old secret stays usable.
    await advanceUntil(() => expect(read('error')).toMatch(/^server 502 \(retrying\)/), 12_000);
    expect(read('secret')).toBe(first);
    expect(['active', 'refreshing']).toContain(read('status'));
    expect(number('seconds-left')).toBeGreaterThan(0);
    expect(number('attempt')).toBe(1);
    // The retry meets the dropped connection (a 502 from the handler too), still with the old secret in use.
    await advanceUntil(() => expect(number('attempt')).toBe(2), 2_000);
    expect(read('error')).toMatch(/^server 502 \(retrying\)/);
    expect(read('secret')).toBe(first);
    expect(number('seconds-left')).toBeGreaterThan(0);
    // Recovery: a new secret, the error cleared.
    await advanceUntil(() => expect(read('secret')).not.toBe(first), 8_000);
    expect(read('error')).toBe('–');
    expect(read('status')).toBe('active');
    expect(number('upstream-calls')).toBe(4);
    const requests = backend.getSnapshot().requests;
    expect(requests.map((request) => [request.reason, request.status])).toEqual([
      ['initial', 200],
      ['scheduled', 502],
      ['retry', 502],
      ['retry', 200],
    ]);
    // The new secret arrived before the old one expired.
    expect(requests[3]?.finishedAt ?? 0).toBeLessThan(requests[0]?.expiresAt ?? 0);
  },
};

/**
 * ChatKit answers 429 with `Retry-After: 3`. The handler keeps both, and the provider waits at least that long
 * before it tries again, however short its own backoff.
 */
export const RateLimited: Story = {
  name: 'Rate limited (429 with Retry-After)',
  args: { lifetimeSeconds: 600, failureScript: '429:3' },
  render: renderScenario({
    intro:
      'The first request is rate-limited: the mock answers 429 with Retry-After: 3, the handler passes both on, and ' +
      'the provider retries no sooner than 3 s later.',
    timelineSeconds: 20,
  }),
  play: async (context) => {
    const { backend, read, number, advance } = storyPlay(context);
    await advance(150);
    expect(read('error')).toMatch(/^rate_limited 429 \(retrying\)/);
    expect(read('status')).toBe('error');
    expect(read('error')).toContain('Retry after 3 seconds');
    expect(number('seconds-until-refresh')).toBe(3);
    // Nothing is sent while the 3 s run, however short the provider's own backoff.
    await advance(1_500);
    expect(number('seconds-until-refresh')).toBeGreaterThanOrEqual(1);
    expect(number('endpoint-requests')).toBe(1);
    await advance(1_499);
    expect(number('endpoint-requests')).toBe(1);
    // The retry goes out when the 3 s are over, and gets a session.
    await advance(1);
    expect(number('endpoint-requests')).toBe(2);
    await advance(150);
    expect(read('status')).toBe('active');
    expect(number('upstream-calls')).toBe(2);
    const [limited, retried] = backend.getSnapshot().requests;
    expect(limited?.status).toBe(429);
    expect(retried?.reason).toBe('retry');
    expect((retried?.startedAt ?? 0) - (limited?.finishedAt ?? 0)).toBeGreaterThanOrEqual(3_000);
  },
};

function ChatReady() {
  const secret = useChatSession((session) => session.clientSecret);
  return (
    <p data-testid="chat-ready" style={{ margin: 0, color: '#1a7f37', fontWeight: 600 }}>
      Chat ready (ChatKit would mount here) with {maskClientSecret(secret)}
    </p>
  );
}

/**
 * A terminal error: the workflow does not exist in the key's project (404). The provider stops instead of hammering
 * the API, and `<ChatSessionGate>` shows its error view with a Try again button. The failure script answers 404
 * twice: the first Try again fails again, the second gets a session and the chat mounts.
 */
export const TerminalErrorWithRetry: Story = {
  name: 'Terminal error (404 workflow) with the gate’s retry',
  args: { lifetimeSeconds: 600, failureScript: '404, 404' },
  render: renderScenario({
    intro:
      'ChatKit answers 404: no such workflow. Nothing retries by itself; <ChatSessionGate> shows the error and a ' +
      'Try again button. The mock answers 404 twice, so the second try recovers.',
    timelineSeconds: 20,
    children: (
      <section style={storyStyles.card} aria-label="Gate">
        <h3 style={storyStyles.title}>{'<ChatSessionGate fallback="Starting the chat…">'}</h3>
        <ChatSessionGate fallback={<p style={storyStyles.note}>Starting the chat…</p>}>
          <ChatReady />
        </ChatSessionGate>
      </section>
    ),
  }),
  play: async (context) => {
    const { canvas, read, number, advance } = storyPlay(context);
    await advance(150);
    const alert = canvas.getByRole('alert');
    expect(alert).toHaveTextContent(/^The chat could not start: .*Workflow with id 'wf_storybook' not found\./);
    expect(read('error')).toMatch(/^not_found 404 \(stopped\)/);
    // Nothing retries by itself, not even a minute later.
    await advance(60_000);
    expect(number('upstream-calls')).toBe(1);

    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await advance(150);
    expect(number('upstream-calls')).toBe(2);
    expect(canvas.getByRole('alert')).toBeVisible();
    expect(canvas.queryByTestId('chat-ready')).toBeNull();

    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await advance(150);
    const ready = canvas.getByTestId('chat-ready');
    expect(ready).toHaveTextContent(read('secret'));
    expect(canvas.queryByRole('alert')).toBeNull();
    expect(number('upstream-calls')).toBe(3);
  },
};
