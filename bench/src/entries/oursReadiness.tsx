import { ChatSessionProvider } from '@chatkit-session/react';
import { ChatKitReadiness } from '@chatkit-session/react/readiness';
import { Chat } from './ours.js';

/** The hosted app with the readiness watchdog around its chat: the watchdog's own cost is the difference. */
export function App() {
  return (
    <ChatSessionProvider fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}>
      <ChatKitReadiness onEvent={(event) => console.info(event.phase, event.reason)}>
        <Chat />
      </ChatKitReadiness>
    </ChatSessionProvider>
  );
}
