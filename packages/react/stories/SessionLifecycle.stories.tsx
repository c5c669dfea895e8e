import { ChatSessionProvider } from '@chatkit-session/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { sessionEndpointHandler } from './createStoryBackend.js';
import { renderScenario } from './SessionScenario.js';
import { saveStoryScreenshot } from './saveStoryScreenshot.js';
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
 * `ChatSessionProvider` fetches the first session, renews it before it expires, and keeps the secret in use until
 * its successor arrives. Every story runs the real session handler of `@chatkit-session/server` in the browser, in
 * front of its mock ChatKit API, through MSW: no API key, no server. Each runs on a story clock that follows real time
 * while you watch; the play functions drive it instead, so they wait for no real time and every run is the same.
 */
const meta = {
  title: 'Scenarios/Session lifecycle',
  component: documentedComponent(ChatSessionProvider),
  tags: ['autodocs'],
  loaders: [loadSessionStory],
  afterEach: [releaseStoryClock],
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
  play: async (context) => {
    const { backend, read, number, settle, advance } = storyPlay(context);
    await settle();
    expect(read('status')).toBe('loading');
    expect(read('secret')).toBe('–');
    // Still loading a moment before the mock answers; active the moment it does.
    await advance(1_499);
    expect(read('status')).toBe('loading');
    await advance(1);
    expect(read('status')).toBe('active');
    expect(read('secret')).toMatch(/^ek_…[0-9a-f]{4}$/);
    expect(read('session-user')).toBe('storybook-user');
    expect(number('upstream-calls')).toBe(1);
    expect(backend.getSnapshot().requests[0]?.reason).toBe('initial');
  },
};

/** A live session with its countdown: `useSessionCountdown()` ticks once a second; nothing else re-renders. */
export const LiveSessionWithCountdown: Story = {
  name: 'Live session with countdown',
  args: { lifetimeSeconds: 600 },
  render: renderScenario({
    intro:
      'A ten-minute session. The countdown comes from useSessionCountdown(), the only hook that ticks (and, shown on ' +
      'screen, keeps the session renewed); renewal is due about a minute before expiry.',
    timelineSeconds: 660,
  }),
  play: async (context) => {
    const { read, number, advance } = storyPlay(context);
    await advance(150);
    expect(read('status')).toBe('active');
    const before = number('seconds-left');
    expect(before).toBeGreaterThan(590);
    expect(before).toBeLessThanOrEqual(600);
    // Renewal is due 60 s before expiry, less what a renewal may take and a share of a 30 s spread: 8.3 to 9 minutes.
    expect(number('seconds-until-refresh')).toBeGreaterThanOrEqual(500);
    expect(number('seconds-until-refresh')).toBeLessThanOrEqual(540);
    // It ticks once a second.
    await advance(1_000);
    expect(number('seconds-left')).toBe(before - 1);
    await advance(1_000);
    expect(number('seconds-left')).toBe(before - 2);
    expect(number('upstream-calls')).toBe(1);
  },
};

/**
 * Renewals on a timeline, with 10-second sessions: each renewal lands before a quarter of the lifetime is left (and
 * never sooner than 5 s after the last), while the old secret still has seconds left; the secret changes, the status never drops back to `loading`.
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
  play: async (context) => {
    const { backend, read, number, advance, advanceUntil } = storyPlay(context);
    await advance(150);
    expect(read('status')).toBe('active');
    const secrets = [read('secret')];
    // Read at every timer of the page (renewals, countdown ticks, the mock's answers), not every 100 ms.
    const statuses = new Set<string>();
    for (const renewal of [2, 3]) {
      await advanceUntil(() => {
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
    await advance(500);
    await saveStoryScreenshot('renewals-on-a-timeline');
  },
};
