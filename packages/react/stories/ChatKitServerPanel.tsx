import { maskClientSecret } from '@chatkit-session/react';
import { useSyncExternalStore } from 'react';
import type { StoryChatKitServer } from './createStoryChatKitServer.js';
import { storyStyles } from './storyStyles.js';

/** Lists the requests the app's ChatKit server received, with whom each Bearer token was minted for. */
export function ChatKitServerPanel({ server }: { server: StoryChatKitServer }) {
  const { requests, refusing } = useSyncExternalStore(server.subscribe, server.getSnapshot, server.getSnapshot);
  return (
    <section style={storyStyles.card} aria-label="ChatKit server">
      <h3 style={storyStyles.title}>The app's ChatKit server (/api/chatkit): whose token each request carried</h3>
      <table style={storyStyles.table}>
        <thead>
          <tr>
            {['#', 'request', 'made for', 'token of', 'answer'].map((name) => (
              <th key={name} style={storyStyles.cell}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr
              key={request.number}
              data-testid="server-request"
              data-made-for={request.madeFor}
              data-token-of={request.tokenOf ?? 'unknown'}
              data-status={request.status}
              style={{ color: request.tokenOf === request.madeFor ? undefined : '#cf222e' }}
            >
              <td style={storyStyles.cell}>{request.number}</td>
              <td style={{ ...storyStyles.cell, ...storyStyles.mono }}>{request.op}</td>
              <td style={storyStyles.cell}>{request.madeFor}</td>
              <td style={{ ...storyStyles.cell, ...storyStyles.mono }}>
                {request.tokenOf ?? 'unknown'} ({maskClientSecret(request.token)})
              </td>
              <td style={storyStyles.cell}>{request.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ ...storyStyles.note, marginTop: 8 }}>
        <button type="button" style={storyStyles.button} onClick={() => server.refuseNext()}>
          Refuse the next request (401)
        </button>{' '}
        {refusing > 0 ? `refusing the next ${refusing}` : 'accepting every token it minted'}
      </p>
    </section>
  );
}
