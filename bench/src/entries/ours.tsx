import { ChatSessionProvider, useChatKitApi, useChatSession } from '@chatkit-session/react';

/** The consumer both of our entries render: the whole state, and the API ChatKit is given. */
export function Chat() {
  const { status, clientSecret } = useChatSession();
  const api = useChatKitApi();
  return (
    <button type="button" data-status={status} onClick={() => void api.getClientSecret(clientSecret)}>
      {clientSecret}
    </button>
  );
}

/** Ours, as a React app uses it: the provider, `useChatSession` and `useChatKitApi`. */
export function App() {
  return (
    <ChatSessionProvider fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}>
      <Chat />
    </ChatSessionProvider>
  );
}
