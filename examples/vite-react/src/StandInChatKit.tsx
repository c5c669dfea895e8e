import { useChatKitApi } from '@chatkit-session/react';
import { ChatKitReadiness } from '@chatkit-session/react/readiness';
import { ChatKit, useChatKit } from '@openai/chatkit-react';
import { useEffect } from 'react';
import { loadChatKitScript } from './loadChatKitScript.js';

const STAND_IN_URL = '/chatkit-stand-in.js';
// A port the browser refuses to fetch from: the script fails as one an ad blocker or a firewall blocks does.
const BLOCKED_URL = 'http://127.0.0.1:9/chatkit-stand-in.js';

/** Which stand-in this page shows: `?chatkit=stand-in`, `?chatkit=blocked`, or none. */
export const standIn = new URLSearchParams(window.location.search).get('chatkit');

function Chat() {
  const { control } = useChatKit({ api: useChatKitApi() });
  useEffect(() => loadChatKitScript(standIn === 'blocked' ? BLOCKED_URL : STAND_IN_URL), []);
  return <ChatKit control={control} className="chatkit" />;
}

/**
 * The demo's local ChatKit stand-in (public/chatkit-stand-in.js) inside `<ChatKitReadiness>`, with a switch that
 * blocks its script, so the watchdog's fallback and its reason show.
 */
export function StandInChatKit() {
  const blocked = standIn === 'blocked';
  return (
    <>
      <label className="small">
        <input
          type="checkbox"
          checked={blocked}
          onChange={() => window.location.assign(`?chatkit=${blocked ? 'stand-in' : 'blocked'}`)}
        />{' '}
        Block ChatKit's script
      </label>
      <ChatKitReadiness isChatKitScript={(src) => src.endsWith('/chatkit-stand-in.js')}>
        <Chat />
      </ChatKitReadiness>
    </>
  );
}
