import { ChatSessionProvider } from '@chatkit-session/react';
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

/**
 * What a real device does to a session: it goes offline, it sleeps, its clock is wrong. These stories inject an
 * `environment` into `ChatSessionProvider` (the prop tests use for clocks and browser signals) whose network, page
 * visibility and wall clock the Device panel switches; its clocks and timers are the story clock's.
 */
const meta = {
  title: 'Scenarios/Device and clock',
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
 * Offline, the renewal that comes due is tried once (a device can be wrong about being offline) and fails; retries
 * then wait for the network instead of burning their backoff, and the session runs out. The `online` event brings it
 * back at once, with the retry.
 */
export const OfflineAndBackOnline: Story = {
  name: 'Offline and back online',
  args: { lifetimeSeconds: 6, minRefreshIntervalMs: 1_000 },
  render: renderScenario({
    device: true,
    intro:
      'Sessions of 6 s. Go offline: the renewal that comes due fails once with a network error, no retry follows ' +
      'and the session expires. Back online: the online event triggers the retry at once.',
    timelineSeconds: 20,
  }),
  play: async (context) => {
    const { backend, canvas, read, number, advance, advanceUntil } = storyPlay(context);
    await advance(150);
    expect(read('status')).toBe('active');
    await userEvent.click(canvas.getByRole('button', { name: 'Go offline' }));
    expect(read('network')).toBe('offline');
    // Past renewal and expiry: the one attempt failed before leaving the device, no retry followed, the secret is gone.
    await advanceUntil(() => expect(read('secret')).toBe('–'), 8_000);
    expect(read('error')).toMatch(/^network/);
    expect(number('attempt')).toBe(1);
    // Still no retry half a minute later: it waits for the network.
    await advance(30_000);
    expect(number('attempt')).toBe(1);
    expect(number('endpoint-requests')).toBe(1);
    expect(number('upstream-calls')).toBe(1);

    await userEvent.click(canvas.getByRole('button', { name: 'Back online' }));
    await advance(150);
    expect(read('status')).toBe('active');
    expect(read('secret')).toMatch(/^ek_…/);
    expect(number('upstream-calls')).toBe(2);
    expect(backend.getSnapshot().requests[1]?.reason).toBe('retry');
  },
};

/**
 * A laptop sleeps for two hours: no timer fires, the wall clock jumps, the page is hidden and shown again. On
 * `visibilitychange` the provider sees the session has expired and fetches a new one at once, long before its
 * renewal timer would have noticed.
 */
export const LaptopSleep: Story = {
  name: 'Laptop sleep (clock jump)',
  args: { lifetimeSeconds: 60 },
  render: renderScenario({
    device: true,
    intro:
      'A one-minute session. Sleep the laptop for two hours: the wall clock jumps, no timer fires; when the page ' +
      'is visible again the provider renews at once (reason wake) instead of waiting for its timer.',
    timelineSeconds: 70,
  }),
  play: async (context) => {
    const { backend, canvas, read, number, settle, advance } = storyPlay(context);
    await advance(150);
    expect(read('status')).toBe('active');
    const before = read('secret');
    expect(number('seconds-until-refresh')).toBeGreaterThan(30);

    await userEvent.click(canvas.getByRole('button', { name: /^Sleep the laptop/ }));
    // On waking the renewal goes out at once, before any timer of the story fired.
    await settle();
    expect(number('endpoint-requests')).toBe(2);
    await advance(150);
    expect(number('upstream-calls')).toBe(2);
    expect(read('status')).toBe('active');
    expect(read('secret')).not.toBe(before);
    expect(read('device-clock')).toContain('120 min ahead');
    // The new session is measured on the jumped clock: a full minute left on it.
    expect(number('seconds-left')).toBeGreaterThan(50);
    expect(backend.getSnapshot().requests[1]?.reason).toBe('wake');
  },
};

/**
 * The browser's clock is an hour fast. The session's lifetime is measured on the server's clock (the `Date` header
 * of the answer), so the provider neither thinks the session expired at once nor renews in a loop: it renews on
 * schedule and the countdown is right.
 */
export const ClientClockAnHourOff: Story = {
  name: 'Client clock an hour off',
  args: { lifetimeSeconds: 10, clientClockOffsetSeconds: 3_600 },
  render: renderScenario({
    device: true,
    intro:
      'The device clock is 60 minutes fast. expires_at says the session ends 10 s from the server’s now, which is ' +
      'an hour in this clock’s past; the provider measures against the Date header and renews on schedule.',
    timelineSeconds: 30,
  }),
  play: async (context) => {
    const { read, number, advance, advanceUntil } = storyPlay(context);
    await advance(150);
    expect(read('status')).toBe('active');
    expect(read('device-clock')).toContain('60 min ahead');
    const first = read('secret');
    expect(number('seconds-left')).toBeGreaterThan(5);
    expect(number('seconds-left')).toBeLessThanOrEqual(10);
    // No renewal loop: still one request a few seconds later.
    await advance(3_000);
    expect(number('upstream-calls')).toBe(1);
    expect(read('secret')).toBe(first);
    // Renewed on schedule, and valid.
    await advanceUntil(() => expect(read('secret')).not.toBe(first), 8_000);
    expect(number('upstream-calls')).toBe(2);
    expect(read('status')).toBe('active');
    expect(number('seconds-left')).toBeGreaterThan(5);
  },
};
