import { ChatKit, useChatKit } from '@openai/chatkit-react';

const getClientSecret = async () => {
  const response = await fetch('/api/chatkit/session', { method: 'POST' });
  return ((await response.json()) as { client_secret: string }).client_secret;
};

/** The official React binding, as its sample uses it (the web component itself loads from OpenAI's CDN). */
export function App() {
  const { control } = useChatKit({ api: { getClientSecret } });
  return <ChatKit control={control} />;
}
