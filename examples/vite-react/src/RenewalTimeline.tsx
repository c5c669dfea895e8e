import { type ChatSessionTimelineEvent, useChatSessionTimeline } from '@chatkit-session/react/devtools';
import { formatTime } from './formatTime.js';

function TimelineDetail({ event }: { readonly event: ChatSessionTimelineEvent }) {
  const { error, sessionId } = event;
  if (error) {
    const status = error.status === undefined ? '' : ` ${error.status}`;
    return (
      <span className="detail">
        {error.kind}
        {status}, {error.retryable ? 'retrying' : 'renewal stopped'}
        {error.requestId && <code className="request-id">{error.requestId}</code>}
      </span>
    );
  }
  return <span className="detail">{sessionId ? <code>{sessionId}</code> : null}</span>;
}

/**
 * The session's renewals and failures as the controller saw them, newest first, from `useChatSessionTimeline()` of
 * `@chatkit-session/react/devtools`.
 */
export function RenewalTimeline() {
  const events = useChatSessionTimeline({ maxEvents: 30 });
  return (
    <section className="card">
      <h2>Renewal timeline</h2>
      {events.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {events.map((event) => (
            <li key={event.id} className="timeline-row">
              <time>{formatTime(event.at)}</time>
              <span className={`event event-${event.kind}`}>{event.kind}</span>
              <TimelineDetail event={event} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
