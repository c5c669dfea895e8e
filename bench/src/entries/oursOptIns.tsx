import {
  ChatSessionProvider,
  createTabSync,
  parseChatSession,
  useChatKitApi,
  useChatSession,
} from '@chatkit-session/react';

function Chat() {
  const { status, clientSecret } = useChatSession();
  const api = useChatKitApi();
  return (
    <button type="button" data-status={status} onClick={() => void api.getClientSecret(clientSecret)}>
      {clientSecret}
    </button>
  );
}

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
