import { ChatSessionProvider, reportEvents } from '@chatkit-session/react';
import { Chat } from './ours.js';

/** Ours with telemetry: each request, renewal, failure, lapse… reported as an event. */
export function App() {
  return (
    <ChatSessionProvider
      fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}
      telemetry={reportEvents((event) => console.info(event.type, event.reason, event.durationMs))}
    >
      <Chat />
    </ChatSessionProvider>
  );
}
