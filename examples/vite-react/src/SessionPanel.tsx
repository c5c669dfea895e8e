import { type ChatSessionResource, maskClientSecret, useChatSession } from '@chatkit-session/react';
import { CountdownBar } from './CountdownBar.js';
import type { RequestLog } from './createRequestLog.js';
import type { DemoConfig } from './demoApi.js';
import { formatTime } from './formatTime.js';
import { RequestCounter } from './RequestCounter.js';

/** The props of `SessionPanel`. */
export interface SessionPanelProps {
  readonly log: RequestLog;
  readonly config: DemoConfig | undefined;
}

const STATUS_HINTS: Record<string, string> = {
  idle: 'Nothing started yet.',
  loading: 'Fetching the first session…',
  active: 'A usable session; renewed before it expires.',
  refreshing: 'Still usable; its successor is being fetched.',
  error: 'No usable session, and the last attempt failed.',
};

/** The session as `useChatSession()` reports it: status, countdown, masked secret and ids. */
export function SessionPanel({ log, config }: SessionPanelProps) {
  // createChatSessionHandler validated every field of the session on the server, so its type can be named here.
  const { status, session, clientSecret, expiresAt } = useChatSession<ChatSessionResource>();
  return (
    <section className="card">
      <h2>Session</h2>
      <div className="status-row">
        <span className={`status status-${status}`} data-testid="session-status">
          {status}
        </span>
        <span className="muted">{STATUS_HINTS[status]}</span>
      </div>
      <CountdownBar lifetimeSeconds={config?.lifetimeSeconds ?? null} />
      <dl className="facts">
        <dt>Client secret</dt>
        <dd>
          <code data-testid="secret">{maskClientSecret(clientSecret)}</code>
        </dd>
        <dt>Session id</dt>
        <dd>
          <code>{session?.id ?? '–'}</code>
        </dd>
        <dt>User</dt>
        <dd>
          <code>{session?.user ?? '–'}</code>
        </dd>
        <dt>Expires at</dt>
        <dd>{expiresAt === null ? '–' : formatTime(expiresAt)}</dd>
        <dt>Sessions created</dt>
        <dd>
          <RequestCounter log={log} mode={config?.mode} />
        </dd>
      </dl>
    </section>
  );
}
