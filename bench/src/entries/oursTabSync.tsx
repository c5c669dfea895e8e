import { ChatSessionProvider, createTabSync } from '@chatkit-session/react';
import { Chat } from './ours.js';

/** Ours with one session shared across the tabs of the origin. */
export function App() {
  return (
    <ChatSessionProvider
      fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}
      shareAcrossTabs={createTabSync}
    >
      <Chat />
    </ChatSessionProvider>
  );
}
