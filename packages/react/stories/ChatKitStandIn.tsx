import { maskClientSecret } from '@chatkit-session/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { storyStyles } from './storyStyles.js';

/** ChatKit's `api` option, as `useChatKit({ api })` of `@openai/chatkit-react` takes it. */
export interface ChatKitHostedApi {
  getClientSecret(currentClientSecret: string | null): Promise<string>;
}

/** The timers the stand-in keeps its time with (ChatKit uses the browser's; the stories pass the story clock). */
export interface StandInTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The props of `ChatKitStandIn`. */
export interface ChatKitStandInProps {
  readonly api: ChatKitHostedApi;
  /** Its timers. */
  readonly timers: StandInTimers;
  /** How long after each secret the stand-in asks for the next one, as ChatKit does before a secret expires. */
  readonly askAgainAfterMs: number;
}

interface StandInCall {
  readonly number: number;
  readonly why: string;
  readonly given: string | null;
  readonly result: string | null;
  readonly error: string | null;
}

/**
 * A stand-in for the `<openai-chatkit>` element, which loads from OpenAI's CDN and cannot run here. It calls
 * `api.getClientSecret` the way ChatKit does: with `null` when it mounts, and with the secret it is using when it
 * wants a new one (on a timer before expiry here, and on a button as after a 401). It shows what it was given.
 */
export function ChatKitStandIn({ api, timers, askAgainAfterMs }: ChatKitStandInProps) {
  const [calls, setCalls] = useState<readonly StandInCall[]>([]);
  const inUse = useRef<string | null>(null);
  const count = useRef(0);
  const ask = useCallback(
    async (why: string) => {
      const given = inUse.current;
      count.current += 1;
      const number = count.current;
      const settle = (patch: Partial<StandInCall>) =>
        setCalls((list) => list.map((call) => (call.number === number ? { ...call, ...patch } : call)));
      setCalls((list) => [...list, { number, why, given, result: null, error: null }]);
      try {
        const secret = await api.getClientSecret(given);
        inUse.current = secret;
        settle({ result: secret });
      } catch (error) {
        settle({ error: error instanceof Error ? error.message : String(error) });
      }
    },
    [api],
  );
  useEffect(() => {
    void ask('mount');
  }, [ask]);
  const answered = calls.filter((call) => call.result !== null).length;
  useEffect(() => {
    if (answered === 0) return;
    const timer = timers.setTimeout(() => void ask('before expiry'), askAgainAfterMs);
    return () => timers.clearTimeout(timer);
  }, [answered, ask, timers, askAgainAfterMs]);

  return (
    <section
      aria-label="ChatKit stand-in"
      style={{ ...storyStyles.card, border: '2px dashed #bf8700', background: '#fff8c5' }}
    >
      <h3 style={storyStyles.title}>Stand-in for {'<openai-chatkit>'}: not ChatKit</h3>
      <p style={storyStyles.note}>
        Calls api.getClientSecret exactly as ChatKit does: null on mount, then the secret in use when it wants a new one
        (here {askAgainAfterMs / 1000} s after each secret, before it expires).
      </p>
      <table style={{ ...storyStyles.table, margin: '8px 0' }}>
        <tbody data-testid="chatkit-calls">
          {calls.map((call) => (
            <tr key={call.number} data-testid="chatkit-call" data-given={maskClientSecret(call.given)}>
              <td style={storyStyles.cell}>{call.number}</td>
              <td style={storyStyles.cell}>{call.why}</td>
              <td style={{ ...storyStyles.cell, ...storyStyles.mono }}>
                getClientSecret({call.given === null ? 'null' : maskClientSecret(call.given)})
              </td>
              <td style={{ ...storyStyles.cell, ...storyStyles.mono }} data-testid="chatkit-result">
                {call.error
                  ? `rejected: ${call.error}`
                  : call.result
                    ? `→ ${maskClientSecret(call.result)}`
                    : 'pending…'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" style={storyStyles.button} onClick={() => void ask('401 from ChatKit')}>
        Ask for a new secret now (as after a 401)
      </button>
    </section>
  );
}
