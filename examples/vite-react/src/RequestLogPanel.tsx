import type { RequestLog, RequestLogEntry } from './createRequestLog.js';
import { formatTime } from './formatTime.js';
import { useRequestLog } from './useRequestLog.js';

/** The props of `RequestLogPanel`. */
export interface RequestLogPanelProps {
  readonly log: RequestLog;
}

function outcomeOf(entry: RequestLogEntry): { readonly label: string; readonly tone: string } {
  if (entry.durationMs === null) return { label: 'pending', tone: 'pending' };
  if (entry.status === null) return { label: 'no answer', tone: 'failed' };
  return { label: String(entry.status), tone: entry.status === 200 ? 'ok' : 'failed' };
}

function TimelineRow({ entry }: { readonly entry: RequestLogEntry }) {
  const outcome = outcomeOf(entry);
  return (
    <li className={`request-row ${outcome.tone}`}>
      <time>{formatTime(entry.startedAt)}</time>
      <span className="reason">{entry.reason}</span>
      <span className={`outcome ${outcome.tone}`}>{outcome.label}</span>
      <span className="detail">
        {entry.secret ? (
          <code>{entry.secret}</code>
        ) : (
          <span className="problem" title={entry.problem ?? undefined}>
            {entry.problem}
          </span>
        )}
        {entry.requestId && <code className="request-id">{entry.requestId}</code>}
      </span>
      <span className="duration">{entry.durationMs === null ? '' : `${entry.durationMs} ms`}</span>
    </li>
  );
}

/** Every request this page sent to its session endpoint, newest first: why, what came back, and its request id. */
export function RequestLogPanel({ log }: RequestLogPanelProps) {
  const entries = useRequestLog(log);
  return (
    <section className="card">
      <h2>
        Requests to <code>/api/chatkit/session</code>
      </h2>
      {entries.length === 0 ? (
        <p className="muted">No requests yet.</p>
      ) : (
        <ol className="request-log" data-testid="request-log">
          {entries.map((entry) => (
            <TimelineRow key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}
