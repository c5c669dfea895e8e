import { sharingTabs } from './sharingTabs.js';
import { useDemoConfig } from './useDemoConfig.js';

/** The page's title and which API the session endpoint talks to. */
export function DemoHeader() {
  const config = useDemoConfig();
  const mode = config?.mode;
  return (
    <header className="demo-header">
      <div>
        <h1>chatkit-session</h1>
        <p className="muted">
          A ChatKit session kept alive by <code>ChatSessionProvider</code>, minted by the real{' '}
          <code>createChatSessionHandler</code> at <code>POST /api/chatkit/session</code>.
        </p>
      </div>
      <span className={`mode mode-${mode ?? 'loading'}`} data-testid="mode">
        {mode === 'openai' ? 'OpenAI ChatKit API' : mode === 'mock' ? 'Mock ChatKit API' : '…'}
        {config?.lifetimeSeconds ? ` · ${config.lifetimeSeconds} s sessions` : ''}
        {sharingTabs ? ' · shared across tabs' : ' · one session per tab'}
      </span>
    </header>
  );
}
