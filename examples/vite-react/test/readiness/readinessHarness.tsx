// The page of the readiness tests: a hosted (or custom-backend) ChatKit inside `<ChatKitReadiness>`, recording every
// readiness event it reports. The ChatKit script itself is a tag of the HTML the test serves (see servePage.ts).
import { ChatSessionProvider, useChatKitApi, useChatKitCustomApi } from '@chatkit-session/react';
import { ChatKitReadiness, type ChatKitReadinessEvent } from '@chatkit-session/react/readiness';
import { ChatKit, type UseChatKitOptions, useChatKit } from '@openai/chatkit-react';
import { createRoot } from 'react-dom/client';

declare global {
  interface Window {
    readinessEvents: ChatKitReadinessEvent[];
  }
}

const query = new URLSearchParams(location.search);
const failSession = query.get('session') === 'fail';
window.readinessEvents = [];

function ChatKitWith({ api }: { readonly api: UseChatKitOptions['api'] }) {
  const { control } = useChatKit({ api });
  return <ChatKit control={control} style={{ display: 'block', height: 240 }} />;
}

function HostedChat() {
  return <ChatKitWith api={useChatKitApi()} />;
}

function CustomChat() {
  return <ChatKitWith api={useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_test' })} />;
}

function App() {
  return (
    <ChatSessionProvider
      fetchSession={({ signal }) => fetch(`/api/session${failSession ? '?fail=1' : ''}`, { method: 'POST', signal })}
    >
      <ChatKitReadiness onEvent={(event) => window.readinessEvents.push(event)}>
        {query.get('mode') === 'custom' ? <CustomChat /> : <HostedChat />}
      </ChatKitReadiness>
    </ChatSessionProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('The readiness page has no #root element.');
createRoot(root).render(<App />);
