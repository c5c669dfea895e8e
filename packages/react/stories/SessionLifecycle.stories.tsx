import { ChatSessionProvider } from '@chatkit-session/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { renderScenario } from './SessionScenario.js';
import { saveStoryScreenshot } from './saveStoryScreenshot.js';
import {
  documentedComponent,
  loadSessionStory,
  type SessionStoryArgs,
  sessionStoryArgs,
  sessionStoryArgTypes,
  sessionStoryLoaded,
} from './sessionStoryArgs.js';
import { pause, storyCanvas } from './storyPlay.js';

/**
 * `ChatSessionProvider` fetches the first session, renews it before it expires, and keeps the secret in use until
 * its successor arrives. Every story runs the real session handler of `@chatkit-session/server` in the browser, in
 * front of its mock ChatKit API, through MSW: no API key, no server.
 */
const meta = {
  title: 'Scenarios/Session lifecycle',
  component: documentedComponent(ChatSessionProvider),
  tags: ['autodocs'],
  loaders: [loadSessionStory],
  parameters: { msw: [sessionEndpointHandler] },
  args: sessionStoryArgs,
  argTypes: sessionStoryArgTypes,
} satisfies Meta<SessionStoryArgs>;

export default meta;
type Story = StoryObj<SessionStoryArgs>;

/** The first session: `loading` while the request is out, then `active` with a secret. One request, reason `initial`. */
export const FirstLoad: Story = {
  name: 'First load',
  args: { latencyMs: 1_500, lifetimeSeconds: 600 },
  render: renderScenario({
    intro: 'The provider mounts and asks its backend for the first session; the mock ChatKit API takes 1.5 s.',
    timelineSeconds: 20,
  }),
  play: async ({ canvasElement, loaded }) => {
    const { read, number, until } = storyCanvas(canvasElement);
    await until(() => expect(read('status')).toBe('loading'));
    expect(read('secret')).toBe('–');
    await until(() => expect(read('status')).toBe('active'));
    expect(read('secret')).toMatch(/^ek_…[0-9a-f]{4}$/);
    expect(read('session-user')).toBe('storybook-user');
    expect(number('upstream-calls')).toBe(1);
    expect(sessionStoryLoaded(loaded).backend.getSnapshot().requests[0]?.reason).toBe('initial');
  },
};

/** A live session with its countdown: `useSessionCountdown()` ticks once a second; nothing else re-renders. */
export const LiveSessionWithCountdown: Story = {
  name: 'Live session with countdown',
  args: { lifetimeSeconds: 600 },
  render: renderScenario({
    intro:
      'A ten-minute session. The countdown comes from useSessionCountdown(), the only hook that ticks; renewal is ' +
      'due at 70–80 % of the lifetime.',
    timelineSeconds: 660,
  }),
  play: async ({ canvasElement }) => {
    const { read, number, until } = storyCanvas(canvasElement);
    await until(() => expect(read('status')).toBe('active'));
    await until(() => expect(number('seconds-left')).toBeGreaterThan(0));
    const before = number('seconds-left');
    expect(before).toBeGreaterThan(590);
    expect(before).toBeLessThanOrEqual(600);
    // Renewal is due at 70–80 % of the lifetime: between 7 and 8 minutes from now.
    expect(number('seconds-until-refresh')).toBeGreaterThanOrEqual(400);
    expect(number('seconds-until-refresh')).toBeLessThanOrEqual(480);
    await until(() => expect(number('seconds-left')).toBeLessThan(before), 3_000);
    expect(number('upstream-calls')).toBe(1);
  },
};

/**
 * Renewals on a timeline, with 10-second sessions: each renewal lands at 70–80 % of the lifetime, while the old
 * secret still has seconds left; the secret changes, the status never drops back to `loading`.
 */
export const RenewalsOnATimeline: Story = {
  name: 'Renewals on a timeline',
  args: { lifetimeSeconds: 10 },
  render: renderScenario({
    intro:
      'Sessions of 10 s. Each bar is one session from its arrival to its expiry: the next one arrives while the ' +
      'previous one still has about 3 s left, and takes over at once.',
    timelineSeconds: 30,
  }),
  play: async ({ canvasElement, loaded }) => {
    const { backend } = sessionStoryLoaded(loaded);
    const { read, number, until } = storyCanvas(canvasElement);
    await until(() => expect(read('status')).toBe('active'));
    const secrets = [read('secret')];
    const statuses = new Set<string>();
    for (const renewal of [2, 3]) {
      await until(() => {
        statuses.add(read('status'));
        expect(number('upstream-calls')).toBe(renewal);
        expect(read('secret')).not.toBe(secrets.at(-1));
      }, 12_000);
      secrets.push(read('secret'));
    }
    expect(new Set(secrets).size).toBe(3);
    expect(statuses.has('loading')).toBe(false);
    const requests = backend.getSnapshot().requests;
    expect(requests.map((request) => request.reason)).toEqual(['initial', 'scheduled', 'scheduled']);
    // Each successor arrived before its predecessor expired.
    for (const [index, request] of requests.entries()) {
      const previous = requests[index - 1];
      if (previous) expect(request.finishedAt ?? 0).toBeLessThan(previous.expiresAt ?? 0);
    }
    await pause(500);
    await saveStoryScreenshot('renewals-on-a-timeline');
  },
};
