import { ChatSessionProvider, createTabSync, parseChatSession } from '@chatkit-session/react';
import { Chat } from './ours.js';

/** Ours with both opt-ins: one session shared across tabs, and every field validated with the Valibot schemas. */
export function App() {
  return (
    <ChatSessionProvider
      fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}
      shareAcrossTabs={createTabSync}
      parseSession={parseChatSession}
    >
      <Chat />
    </ChatSessionProvider>
  );
}
