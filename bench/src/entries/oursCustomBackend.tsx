import { ChatSessionProvider, useChatKitCustomApi, useChatSession } from '@chatkit-session/react';

/** The consumer of a custom-backend app: the whole state, and the `api` ChatKit is given (its `fetch`). */
export function Chat() {
  const { status, clientSecret } = useChatSession();
  const api = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_bench' });
  return (
    <button type="button" data-status={status} onClick={() => void api.fetch(api.url, { method: 'POST', body: '{}' })}>
      {clientSecret}
    </button>
  );
}

/** Ours, as a custom-backend app uses it (ChatKit against the app's own server): the token endpoint's provider. */
export function App() {
  return (
    <ChatSessionProvider fetchSession={({ signal }) => fetch('/api/chatkit/token', { method: 'POST', signal })}>
      <Chat />
    </ChatSessionProvider>
  );
}
