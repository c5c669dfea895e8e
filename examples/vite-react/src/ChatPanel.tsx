import { ChatSessionGate } from '@chatkit-session/react';
import type { DemoConfig } from './demoApi.js';
import { OpenAIChatKit } from './OpenAIChatKit.js';

/** The props of `ChatPanel`. */
export interface ChatPanelProps {
  readonly mode: DemoConfig['mode'] | undefined;
}

/** The real `<ChatKit>` when the server talks to OpenAI; a placeholder on the mock API. */
export function ChatPanel({ mode }: ChatPanelProps) {
  return (
    <section className="card chat">
      <h2>Chat</h2>
      {mode === 'openai' ? (
        <ChatSessionGate fallback={<p className="muted">Starting the chat…</p>}>
          <OpenAIChatKit />
        </ChatSessionGate>
      ) : (
        <div className="chat-placeholder" data-testid="chat-placeholder">
          <p>
            ChatKit mounts here when <code>OPENAI_API_KEY</code> and <code>CHATKIT_WORKFLOW_ID</code> are set.
          </p>
          <p className="muted small">
            It would get its secret from <code>useChatKit({'{ api: useChatKitApi() }'})</code>, the same session shown
            on this page.
          </p>
        </div>
      )}
    </section>
  );
}
