import { ChatSessionDevtools } from '@chatkit-session/react/devtools';
import { ChatPanel } from './ChatPanel.js';
import { ControlPanel } from './ControlPanel.js';
import { chatKitMode } from './chatKitMode.js';
import type { RequestLog } from './createRequestLog.js';
import { LastError } from './LastError.js';
import { RenewalTimeline } from './RenewalTimeline.js';
import { RequestLogPanel } from './RequestLogPanel.js';
import { SessionPanel } from './SessionPanel.js';
import { useDemoConfig } from './useDemoConfig.js';

/** The props of `Dashboard`. */
export interface DashboardProps {
  /** The page's requests, for the timeline and the counter. */
  readonly log: RequestLog;
  /** Called after the session was reset, to unmount the provider. */
  readonly onSignOut: () => void;
}

/**
 * The live view of the session (or, in custom-backend mode, the token), inside the provider: state, controls, last
 * error, chat, the renewal timeline and the requests behind it, and the package's devtools toggle in the corner.
 */
export function Dashboard({ log, onSignOut }: DashboardProps) {
  const config = useDemoConfig();
  const customBackend = chatKitMode === 'custom';
  return (
    <div className="dashboard">
      <div className="column">
        <SessionPanel log={log} config={config} chatKitMode={chatKitMode} />
        <ControlPanel
          onMock={config?.mode === 'mock' && !customBackend}
          customBackend={customBackend}
          onSignOut={onSignOut}
        />
        {customBackend ? <LastError emptyHint="None yet: a refused token is renewed, not an error." /> : <LastError />}
      </div>
      <div className="column">
        <ChatPanel mode={config?.mode} chatKitMode={chatKitMode} log={log} />
        <RenewalTimeline />
        <RequestLogPanel log={log} chatKitMode={chatKitMode} />
      </div>
      <ChatSessionDevtools position="bottom-right" />
    </div>
  );
}
