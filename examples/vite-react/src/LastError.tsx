import { useChatSession } from '@chatkit-session/react';
import { formatTime } from './formatTime.js';
import { type LastSessionError, useLastError } from './useLastError.js';

function describeOutcome(last: LastSessionError, hasSecret: boolean): string {
  if (!last.current) return 'Recovered: a later request succeeded.';
  if (!last.error.retryable) return 'Renewal stopped: press Renew now once the cause is fixed.';
  return hasSecret ? 'Retrying automatically; the current secret stays in use meanwhile.' : 'Retrying automatically.';
}

/** The props of `LastError`. */
export interface LastErrorProps {
  /** What to show before the first error. Defaults to `'None yet. Try a failure button.'`. */
  readonly emptyHint?: string;
}

/** The last `ChatSessionError`: its kind, status, request id and message, and whether the controller retries it. */
export function LastError({ emptyHint = 'None yet. Try a failure button.' }: LastErrorProps) {
  const last = useLastError();
  const hasSecret = useChatSession((session) => session.clientSecret !== null);
  return (
    <section className="card" data-testid="last-error">
      <h2>Last error</h2>
      {last === null ? (
        <p className="muted">{emptyHint}</p>
      ) : (
        <>
          <p className={last.current ? 'error-text' : 'muted'}>{describeOutcome(last, hasSecret)}</p>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>
              <code data-testid="last-error-kind">{last.error.kind}</code>
              {last.error.retryable ? ' (retryable)' : ' (stops renewal)'}
            </dd>
            <dt>HTTP status</dt>
            <dd data-testid="last-error-status">{last.error.status ?? '–'}</dd>
            <dt>Request id</dt>
            <dd>
              <code data-testid="last-error-request-id">{last.error.requestId ?? '–'}</code>
            </dd>
            <dt>Seen at</dt>
            <dd>{formatTime(last.seenAt)}</dd>
            <dt>Message</dt>
            <dd data-testid="last-error-message">{last.error.message}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
