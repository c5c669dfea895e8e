import { maskClientSecret } from '@chatkit-session/react';
import type { StoryBackend } from './createStoryBackend.js';
import { mintedFor } from './createStoryBackend.js';
import { storyStyles } from './storyStyles.js';
import type { ChatCall } from './useChatCallLog.js';
import { useStoryBackend } from './useStoryBackend.js';

const GOOD = '#1a7f37';
const BAD = '#cf222e';

/**
 * Lists each call the page's ChatKit made: the user it was made for, and how it ended: the secret with the user the
 * backend minted it for, the response's status, or the rejection (`superseded` when the user changed while it waited).
 */
export function ChatCallLogPanel({ calls, backend }: { calls: readonly ChatCall[]; backend: StoryBackend }) {
  const snapshot = useStoryBackend(backend);
  return (
    <section style={storyStyles.card} aria-label="ChatKit calls">
      <h3 style={storyStyles.title}>ChatKit's calls, by the user they were made for</h3>
      <table style={storyStyles.table}>
        <thead>
          <tr>
            {['#', 'made for', 'call', 'ended'].map((name) => (
              <th key={name} style={storyStyles.cell}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => {
            const owner = mintedFor(snapshot, call.secret);
            const ended =
              call.secret !== null
                ? (owner ?? 'unknown')
                : call.status !== null
                  ? `http-${call.status}`
                  : (call.error ?? call.state);
            const wrong = call.secret !== null && owner !== call.madeFor;
            return (
              <tr key={call.number} data-testid="chat-call" data-made-for={call.madeFor} data-ended={ended}>
                <td style={storyStyles.cell}>{call.number}</td>
                <td style={storyStyles.cell}>{call.madeFor}</td>
                <td style={{ ...storyStyles.cell, ...storyStyles.mono }}>{call.call}</td>
                <td style={{ ...storyStyles.cell, ...storyStyles.mono, color: wrong ? BAD : GOOD }}>
                  {call.state === 'pending'
                    ? 'pending…'
                    : call.secret !== null
                      ? `→ ${owner ?? 'nobody'}'s secret ${maskClientSecret(call.secret)}`
                      : call.status !== null
                        ? `→ HTTP ${call.status}`
                        : `rejected: ${call.error}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
