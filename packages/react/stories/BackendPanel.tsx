import { maskClientSecret } from '@chatkit-session/react';
import type { StoryBackend, StoryRequest } from './createStoryBackend.js';
import { storyStyles } from './storyStyles.js';
import { useStoryBackend } from './useStoryBackend.js';

/** The props of `BackendPanel`. */
export interface BackendPanelProps {
  readonly backend: StoryBackend;
  /** How many of the latest requests to list. Defaults to `8`. */
  readonly rows?: number;
}

const since = (backend: StoryBackend, time: number | null) =>
  time === null ? '–' : `+${((time - backend.startedAt) / 1000).toFixed(1)} s`;

function describeOutcome(request: StoryRequest): string {
  if (request.outcome === 'pending') return 'pending…';
  if (request.outcome === 'offline') return 'no network';
  return String(request.status);
}

/** Shows the request counters (from the mock's `calls`) and the latest requests the real handler served. */
export function BackendPanel({ backend, rows = 8 }: BackendPanelProps) {
  const { upstreamCalls, requests, offline } = useStoryBackend(backend);
  return (
    <section style={storyStyles.card} aria-label="Backend">
      <h3 style={storyStyles.title}>Backend: real handler → mock ChatKit API</h3>
      <div style={{ display: 'flex', gap: 32, marginBottom: 8 }}>
        <div>
          <div style={storyStyles.counter} data-testid="upstream-calls">
            {upstreamCalls}
          </div>
          <div style={storyStyles.note}>sessions requested from ChatKit</div>
        </div>
        <div>
          <div style={storyStyles.counter} data-testid="endpoint-requests">
            {requests.length}
          </div>
          <div style={storyStyles.note}>requests to /api/chatkit/session{offline ? ' (network down)' : ''}</div>
        </div>
      </div>
      <table style={storyStyles.table}>
        <thead>
          <tr>
            {['#', 'sent', 'user', 'reason', 'answer', 'secret', 'expires'].map((name) => (
              <th key={name} style={storyStyles.cell}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody data-testid="request-log">
          {requests.slice(-rows).map((request) => (
            <tr key={request.number} data-outcome={request.outcome} title={request.message ?? undefined}>
              <td style={storyStyles.cell}>{request.number}</td>
              <td style={storyStyles.cell}>{since(backend, request.startedAt)}</td>
              <td style={storyStyles.cell}>{request.user}</td>
              <td style={storyStyles.cell} data-testid="request-reason">
                {request.reason ?? '–'}
              </td>
              <td style={{ ...storyStyles.cell, color: request.outcome === 'session' ? '#1a7f37' : '#cf222e' }}>
                {describeOutcome(request)}
              </td>
              <td style={{ ...storyStyles.cell, ...storyStyles.mono }}>{maskClientSecret(request.secret)}</td>
              <td style={storyStyles.cell}>{since(backend, request.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
