import { useChatKitCustomApi } from '@chatkit-session/react';
import { type FormEvent, useMemo, useState } from 'react';
import type { RequestLog } from './createRequestLog.js';
import { createTrackedFetch } from './createTrackedFetch.js';
import { CHATKIT_URL, sendChatMessage } from './demoApi.js';

/** The props of `CustomBackendChat`. */
export interface CustomBackendChatProps {
  /** The page's request log, which gets every request to the ChatKit server. */
  readonly log: RequestLog;
}

interface ChatLine {
  readonly id: string;
  readonly from: 'you' | 'server' | 'error';
  readonly text: string;
}

// ChatKit's custom-backend mode needs the domain key of the page's domain; the demo's own server checks none.
const DEMO_DOMAIN_KEY = 'domain_pk_demo';

/**
 * A stand-in for `<ChatKit>` in custom-backend mode: it sends each message through the `fetch` of
 * `useChatKitCustomApi({ url, domainKey })`, as ChatKit would, and shows the replies of the demo's ChatKit server.
 */
export function CustomBackendChat({ log }: CustomBackendChatProps) {
  // The log sees each request the ChatKit fetch sends: the 401 and the replay that follows the renewal.
  const trackedFetch = useMemo(() => createTrackedFetch(log, CHATKIT_URL), [log]);
  const api = useChatKitCustomApi({ url: CHATKIT_URL, domainKey: DEMO_DOMAIN_KEY, fetch: trackedFetch });
  const [lines, setLines] = useState<readonly ChatLine[]>([]);
  const [draft, setDraft] = useState('');

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    const message = { id: `msg_${crypto.randomUUID()}`, text };
    const add = (line: ChatLine) => setLines((previous) => [...previous, line]);
    setDraft('');
    add({ id: message.id, from: 'you', text });
    try {
      const reply = await sendChatMessage(api, message);
      add({ id: reply.id, from: 'server', text: reply.text });
    } catch (error) {
      add({ id: `${message.id}_error`, from: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="custom-chat">
      <p className="muted small">
        Sends through the <code>fetch</code> of{' '}
        <code>
          useChatKitCustomApi({'{'} url: '{api.url}', domainKey: '{api.domainKey}' {'}'})
        </code>
        , which ChatKit's custom-backend mode would call: the token as <code>Authorization: Bearer …</code>, and on a
        401 one renewal and one replay.
      </p>
      {lines.length === 0 ? (
        <p className="muted chat-empty">No messages yet.</p>
      ) : (
        <ol className="chat-transcript" data-testid="chat-transcript">
          {lines.map((line) => (
            <li key={line.id} className={`chat-line chat-line-${line.from}`}>
              {line.text}
            </li>
          ))}
        </ol>
      )}
      <form className="chat-form" onSubmit={(event) => void send(event)}>
        <input
          aria-label="Message"
          value={draft}
          maxLength={2000}
          placeholder="Say something to the demo's ChatKit server"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="primary" disabled={draft.trim() === ''}>
          Send
        </button>
      </form>
    </div>
  );
}
