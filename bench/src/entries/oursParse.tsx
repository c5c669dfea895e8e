import { ChatSessionProvider, parseChatSession } from '@chatkit-session/react';
import { Chat } from './ours.js';

/** Ours with every field of a session validated against the Valibot schemas in the browser too. */
export function App() {
  return (
    <ChatSessionProvider
      fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}
      parseSession={parseChatSession}
    >
      <Chat />
    </ChatSessionProvider>
  );
}
