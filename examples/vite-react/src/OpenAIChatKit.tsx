import { useChatKitApi } from '@chatkit-session/react';
import { ChatKit, useChatKit } from '@openai/chatkit-react';
import { useEffect, useState } from 'react';
import { loadChatKitScript } from './loadChatKitScript.js';

/** OpenAI's `<ChatKit>`, getting its client secret from the session provider. */
export function OpenAIChatKit() {
  const api = useChatKitApi();
  const [problem, setProblem] = useState<string | null>(null);
  const { control } = useChatKit({ api, onError: ({ error }) => setProblem(error.message) });
  useEffect(() => loadChatKitScript(), []);
  return (
    <>
      <ChatKit control={control} className="chatkit" />
      {problem && <p className="error-text">ChatKit: {problem}</p>}
    </>
  );
}
