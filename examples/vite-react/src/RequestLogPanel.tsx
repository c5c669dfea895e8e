import type { ChatKitMode } from './chatKitMode.js';
import type { RequestLog, RequestLogEntry } from './createRequestLog.js';
import { CHATKIT_URL, SESSION_URL, TOKEN_URL } from './demoApi.js';
import { formatTime } from './formatTime.js';
import { useRequestLog } from './useRequestLog.js';

/** The props of `RequestLogPanel`. */
export interface RequestLogPanelProps {
  readonly log: RequestLog;
  /** In custom-backend mode each row names its route: the token endpoint or the ChatKit server. */
  readonly chatKitMode: ChatKitMode;
}

function outcomeOf(entry: RequestLogEntry): { readonly label: string; readonly tone: string } {
  if (entry.durationMs === null) return { label: 'pending', tone: 'pending' };
  if (entry.status === null) return { label: 'no answer', tone: 'failed' };
  return { label: String(entry.status), tone: entry.status === 200 ? 'ok' : 'failed' };
}

function TimelineRow({ entry, showRoute }: { readonly entry: RequestLogEntry; readonly showRoute: boolean }) {
  const outcome = outcomeOf(entry);
  return (
    <li
      className={`request-row ${outcome.tone}`}
      data-route={entry.route}
      data-reason={entry.reason}
      data-status={entry.status ?? ''}
    >
      <time>{formatTime(entry.startedAt)}</time>
      <span className="reason">{entry.reason}</span>
      <span className={`outcome ${outcome.tone}`}>{outcome.label}</span>
      <span className="detail">
        {showRoute && <code className="route">POST {entry.route}</code>}
        {entry.secret && <code>{entry.secret}</code>}
        {entry.problem && (
          <span className="problem" title={entry.problem}>
            {entry.problem}
          </span>
        )}
        {entry.requestId && <code className="request-id">{entry.requestId}</code>}
      </span>
      <span className="duration">{entry.durationMs === null ? '' : `${entry.durationMs} ms`}</span>
    </li>
  );
}

/** Every request this page sent to its endpoints, newest first: why, what came back, and its request id. */
export function RequestLogPanel({ log, chatKitMode }: RequestLogPanelProps) {
  const entries = useRequestLog(log);
  const custom = chatKitMode === 'custom';
  return (
    <section className="card">
      <h2>
        Requests to{' '}
        {custom ? (
          <>
            <code>{TOKEN_URL}</code> and <code>{CHATKIT_URL}</code>
          </>
        ) : (
          <code>{SESSION_URL}</code>
        )}
      </h2>
      {entries.length === 0 ? (
        <p className="muted">No requests yet.</p>
      ) : (
        <ol className="request-log" data-testid="request-log">
          {entries.map((entry) => (
            <TimelineRow key={entry.id} entry={entry} showRoute={custom} />
          ))}
        </ol>
      )}
    </section>
  );
}
