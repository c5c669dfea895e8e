'use client';
import { useChatKitCustomApi } from '@chatkit-session/react';
import { type FormEvent, useState } from 'react';

interface ChatLine {
  readonly id: string;
  readonly text: string;
  readonly failed: boolean;
}

async function readLine(response: Response): Promise<Omit<ChatLine, 'id'>> {
  const body = (await response.json().catch(() => null)) as { reply?: string; error?: { code?: string } } | null;
  if (response.ok && body?.reply) return { text: body.reply, failed: false };
  return { text: `${response.status} ${body?.error?.code ?? 'no answer'}`, failed: true };
}

// Development only: the app's server refuses the token it accepted last, as after a revocation.
const refuseCurrentToken = () => fetch('/api/dev/refuse-token', { method: 'POST' });

/**
 * Stands in for `<ChatKit>` in custom-backend mode: it sends each message with the `fetch` of
 * `useChatKitCustomApi({ url, domainKey })`, which adds the token and, on a 401, renews it once and replays once. With
 * ChatKit, pass the same object: `useChatKit({ api })`.
 */
export function CustomBackendChat() {
  const api = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_example' });
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [draft, setDraft] = useState('Hello');
  const [sending, setSending] = useState(false);

  async function send(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    const id = crypto.randomUUID();
    try {
      const body = JSON.stringify({ message: draft });
      const response = await api.fetch(api.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      const line = await readLine(response);
      setLines((previous) => [...previous, { id, ...line }]);
    } catch (error) {
      setLines((previous) => [...previous, { id, text: String(error), failed: true }]);
    } finally {
      setSending(false);
    }
  }

  return (
    <section aria-label="Chat stand-in">
      <h2>Chat stand-in</h2>
      <form onSubmit={send}>
        <input aria-label="Message" value={draft} onChange={(event) => setDraft(event.target.value)} />{' '}
        <button type="submit" disabled={sending}>
          Send
        </button>
      </form>
      <ol data-testid="chat-lines">
        {lines.map((line) => (
          <li key={line.id} data-failed={line.failed}>
            {line.text}
          </li>
        ))}
      </ol>
      {process.env.NODE_ENV === 'development' && (
        <button type="button" onClick={() => void refuseCurrentToken()}>
          Refuse the current token
        </button>
      )}
    </section>
  );
}
