import { ChatSessionError } from '@chatkit-session/react';
import { ChatKitReadinessFallback, type ChatKitReadinessPhase } from '@chatkit-session/react/readiness';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect } from 'storybook/test';
import type { ChatKitFacts } from '../src/readiness/ChatKitFacts.js';
import { decideChatKitReadiness } from '../src/readiness/decideChatKitReadiness.js';
import { StoryPageHeader } from './StoryPageHeader.js';
import { storyStyles } from './storyStyles.js';

const CDN = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';
const loading: ChatKitFacts = {
  script: null,
  hasScript: true,
  defined: false,
  ready: false,
  asked: false,
  stalled: false,
  chatKitError: null,
};

/** What the watchdog saw in each phase's story, as `watchChatKit` reports it (the Chromium tests produce each for real). */
const SITUATIONS: Record<ChatKitReadinessPhase, { facts: Partial<ChatKitFacts>; sessionError?: ChatSessionError }> = {
  loading: { facts: {} },
  'script-failed': { facts: { script: { src: CDN, directive: 'script-src-elem' } } },
  undefined: { facts: { stalled: true } },
  'not-ready': { facts: { defined: true, stalled: true } },
  'no-credential-request': { facts: { defined: true, ready: true, stalled: true } },
  'chatkit-error': {
    facts: { defined: true, ready: true, chatKitError: 'Domain verification failed for shop.example.' },
  },
  'credential-failing': {
    facts: {},
    sessionError: new ChatSessionError('unauthorized', 'HTTP 401', { status: 401, requestId: 'req_7f3a' }),
  },
  ready: { facts: { defined: true, ready: true, asked: true } },
};

interface ReadinessStoryArgs {
  readonly phase: ChatKitReadinessPhase;
}

/** The fallback in one phase, in the frame `<ChatKitReadiness>` gives it, with a count of the retries asked for. */
function PhaseView({ phase }: ReadinessStoryArgs) {
  const [retries, setRetries] = useState(0);
  const { facts, sessionError = null } = SITUATIONS[phase];
  const verdict = decideChatKitReadiness({ ...loading, ...facts }, sessionError, 15_000);
  return (
    <div style={storyStyles.page}>
      <StoryPageHeader
        title={`ChatKit readiness: ${phase}`}
        intro="What a user sees where the chat should be while ChatKit is not usable: the reason, and a button that tries again."
      />
      <div data-chatkit-readiness={verdict.phase} role={verdict.phase === 'loading' ? 'status' : 'alert'}>
        <ChatKitReadinessFallback {...verdict} since={0} retry={() => setRetries((count) => count + 1)} />
      </div>
      <p data-testid="retries" style={storyStyles.note}>
        Retries asked for: {retries}
      </p>
    </div>
  );
}

/**
 * `<ChatKitReadiness>` shows `ChatKitReadinessFallback` while ChatKit is not usable: one story per phase, each with
 * the reason the watchdog gives (`@chatkit-session/react/readiness`).
 */
const meta = {
  title: 'Components/ChatKitReadiness',
  component: PhaseView,
  args: { phase: 'loading' },
  argTypes: { phase: { control: 'select', options: Object.keys(SITUATIONS) } },
} satisfies Meta<ReadinessStoryArgs>;

export default meta;
type Story = StoryObj<ReadinessStoryArgs>;

/** Builds the story of a phase: its fallback shows the reason, and "Try again" asks for a retry. */
function phaseStory(phase: ChatKitReadinessPhase, says: string): Story {
  return {
    args: { phase },
    play: async ({ canvas, userEvent }) => {
      const view = canvas.getByRole(phase === 'loading' ? 'status' : 'alert');
      await expect(view).toHaveTextContent(says);
      if (phase === 'loading') return;
      await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
      await expect(canvas.getByTestId('retries')).toHaveTextContent('Retries asked for: 1');
    },
  };
}

export const Loading = phaseStory('loading', 'Loading the chat…');
export const ScriptBlockedByCsp = phaseStory('script-failed', "The Content-Security-Policy's script-src-elem blocked");
export const NeverDefined = phaseStory('undefined', '<openai-chatkit> was not defined after 15 s');
export const NeverReady = phaseStory('not-ready', "check that the CSP's frame-src allows ChatKit's frame");
export const NeverAskedForACredential = phaseStory('no-credential-request', 'asked for no credential after 15 s');
export const ChatKitError = phaseStory('chatkit-error', 'Domain verification failed for shop.example.');
export const CredentialFailing = phaseStory('credential-failing', 'unauthorized, HTTP 401, request id req_7f3a');
