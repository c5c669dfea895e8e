import { type ChatSessionCredentialFields, maskClientSecret, useChatSession } from '@chatkit-session/react';
import { CountdownBar } from './CountdownBar.js';
import type { ChatKitMode } from './chatKitMode.js';
import type { RequestLog } from './createRequestLog.js';
import { type DemoConfig, SESSION_URL, TOKEN_URL } from './demoApi.js';
import { formatTime } from './formatTime.js';
import { RequestCounter } from './RequestCounter.js';

/** The props of `SessionPanel`. */
export interface SessionPanelProps {
  readonly log: RequestLog;
  readonly config: DemoConfig | undefined;
  readonly chatKitMode: ChatKitMode;
}

// Both endpoints answer an `id` and a `user`: a session's, or a token's `jti` and `sub`.
type DemoCredential = ChatSessionCredentialFields & { readonly id: string; readonly user: string };

function hintOf(status: string, noun: string): string | undefined {
  const hints: Record<string, string> = {
    idle: 'Nothing started yet.',
    loading: `Fetching the first ${noun}…`,
    active: `A usable ${noun}; renewed before it expires.`,
    refreshing: 'Still usable; its successor is being fetched.',
    error: `No usable ${noun}, and the last attempt failed.`,
  };
  return hints[status];
}

const LABELS = {
  hosted: { title: 'Session', secret: 'Client secret', id: 'Session id', created: 'Sessions created', noun: 'session' },
  custom: { title: 'Token', secret: 'Token (JWT)', id: 'Token id (jti)', created: 'Tokens minted', noun: 'token' },
} as const;

/** The session (or token) as `useChatSession()` reports it: status, countdown, masked secret and ids. */
export function SessionPanel({ log, config, chatKitMode }: SessionPanelProps) {
  const { status, session, clientSecret, expiresAt } = useChatSession<DemoCredential>();
  const labels = LABELS[chatKitMode];
  return (
    <section className="card">
      <h2>{labels.title}</h2>
      <div className="status-row">
        <span className={`status status-${status}`} data-testid="session-status">
          {status}
        </span>
        <span className="muted">{hintOf(status, labels.noun)}</span>
      </div>
      <CountdownBar lifetimeSeconds={config?.lifetimeSeconds ?? null} />
      <dl className="facts">
        <dt>{labels.secret}</dt>
        <dd>
          <code data-testid="secret">{maskClientSecret(clientSecret)}</code>
        </dd>
        <dt>{labels.id}</dt>
        <dd>
          <code>{session?.id ?? '–'}</code>
        </dd>
        <dt>User</dt>
        <dd>
          <code>{session?.user ?? '–'}</code>
        </dd>
        <dt>Expires at</dt>
        <dd>{expiresAt === null ? '–' : formatTime(expiresAt)}</dd>
        <dt>{labels.created}</dt>
        <dd>
          {chatKitMode === 'custom' ? (
            <RequestCounter log={log} mode={undefined} route={TOKEN_URL} />
          ) : (
            <RequestCounter log={log} mode={config?.mode} route={SESSION_URL} />
          )}
        </dd>
      </dl>
    </section>
  );
}
