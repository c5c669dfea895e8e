import { chatKitMode } from './chatKitMode.js';
import type { DemoConfig } from './demoApi.js';
import { ModeSwitch } from './ModeSwitch.js';
import { sharingTabs } from './sharingTabs.js';
import { useDemoConfig } from './useDemoConfig.js';

function HostedIntro() {
  return (
    <p className="muted">
      A ChatKit session kept alive by <code>ChatSessionProvider</code>, minted by the real{' '}
      <code>createChatSessionHandler</code> at <code>POST /api/chatkit/session</code>.
    </p>
  );
}

function CustomIntro() {
  return (
    <p className="muted">
      A token for the app's own ChatKit server kept alive by <code>ChatSessionProvider</code>, minted by the real{' '}
      <code>createChatKitTokenHandler</code> at <code>POST /api/chatkit/token</code> and checked by{' '}
      <code>verifyChatKitToken</code> at <code>POST /api/chatkit</code>.
    </p>
  );
}

const API_NAMES = { custom: 'Custom backend', openai: 'OpenAI ChatKit API', mock: 'Mock ChatKit API' } as const;

/** The badge: which backend the page's credential comes from, how long each lasts, and whether tabs share it. */
function describeMode(config: DemoConfig | undefined): { readonly tone: string; readonly text: string } {
  const backend = chatKitMode === 'custom' ? 'custom' : config?.mode;
  const noun = chatKitMode === 'custom' ? 'token' : 'session';
  const lifetime = config?.lifetimeSeconds ? ` · ${config.lifetimeSeconds} s ${noun}s` : '';
  const sharing = sharingTabs ? ' · shared across tabs' : ` · one ${noun} per tab`;
  const name = backend ? API_NAMES[backend] : '…';
  return { tone: backend ?? 'loading', text: `${name}${lifetime}${sharing}` };
}

/** The page's title, the mode switch, and which API the endpoint talks to. */
export function DemoHeader() {
  const { tone, text } = describeMode(useDemoConfig());
  return (
    <>
      <header className="demo-header">
        <div>
          <h1>chatkit-session</h1>
          {chatKitMode === 'custom' ? <CustomIntro /> : <HostedIntro />}
        </div>
        <span className={`mode mode-${tone}`} data-testid="mode">
          {text}
        </span>
      </header>
      <ModeSwitch />
    </>
  );
}
