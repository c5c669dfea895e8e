import { ChatSessionGate } from '@chatkit-session/react';
import { CustomBackendChat } from './CustomBackendChat.js';
import type { ChatKitMode } from './chatKitMode.js';
import type { RequestLog } from './createRequestLog.js';
import type { DemoConfig } from './demoApi.js';
import { OpenAIChatKit } from './OpenAIChatKit.js';
import { StandInChatKit, standIn } from './StandInChatKit.js';

/** The props of `ChatPanel`. */
export interface ChatPanelProps {
  /** Which API the session endpoint talks to (hosted mode). */
  readonly mode: DemoConfig['mode'] | undefined;
  readonly chatKitMode: ChatKitMode;
  /** The page's request log, which the custom-backend chat adds its requests to. */
  readonly log: RequestLog;
}

function HostedChat({ mode }: Pick<ChatPanelProps, 'mode'>) {
  if (standIn) return <StandInChatKit />;
  if (mode === 'openai') {
    return (
      <ChatSessionGate fallback={<p className="muted">Starting the chat…</p>}>
        <OpenAIChatKit />
      </ChatSessionGate>
    );
  }
  return (
    <div className="chat-placeholder" data-testid="chat-placeholder">
      <p>
        ChatKit mounts here when <code>OPENAI_API_KEY</code> and <code>CHATKIT_WORKFLOW_ID</code> are set.
      </p>
      <p className="muted small">
        It would get its secret from <code>useChatKit({'{ api: useChatKitApi() }'})</code>, the same session shown on
        this page.
      </p>
      <p className="muted small">
        See what the readiness watchdog shows when ChatKit does not:{' '}
        <a href="?chatkit=stand-in">a local ChatKit stand-in</a>.
      </p>
    </div>
  );
}

/**
 * Hosted mode: the real `<ChatKit>` when the server talks to OpenAI, a placeholder on the mock API. Custom-backend
 * mode: a chat stand-in that talks to the demo's own ChatKit server.
 */
export function ChatPanel({ mode, chatKitMode, log }: ChatPanelProps) {
  return (
    <section className="card chat">
      <h2>Chat</h2>
      {chatKitMode === 'custom' ? <CustomBackendChat log={log} /> : <HostedChat mode={mode} />}
    </section>
  );
}
