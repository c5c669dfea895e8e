import {
  type ChatSessionResource,
  maskClientSecret,
  useChatSession,
  useSessionCountdown,
} from '@chatkit-session/react';
import { statusBadgeStyle, storyStyles } from './storyStyles.js';

/** The props of `SessionPanel`. */
export interface SessionPanelProps {
  /** The heading. Defaults to `useChatSession()`. */
  readonly title?: string;
  /** Whether to show the Refresh and Reset buttons. Defaults to `true`. */
  readonly actions?: boolean;
}

const seconds = (value: number | null) => (value === null ? '–' : `${value} s`);

/** Shows what `useChatSession()` and `useSessionCountdown()` return, with the secret masked. */
export function SessionPanel({ title = 'useChatSession()', actions = true }: SessionPanelProps) {
  // The story backends answer whole ChatKit sessions.
  const { status, clientSecret, session, error, attempt, refresh, reset } = useChatSession<ChatSessionResource>();
  const { secondsLeft, secondsUntilRefresh } = useSessionCountdown();
  return (
    <section style={storyStyles.card} aria-label="Session">
      <h3 style={storyStyles.title}>{title}</h3>
      <dl style={storyStyles.facts}>
        <dt style={storyStyles.term}>status</dt>
        <dd style={{ margin: 0 }}>
          <span data-testid="status" style={statusBadgeStyle(status)}>
            {status}
          </span>
        </dd>
        <dt style={storyStyles.term}>clientSecret</dt>
        <dd style={{ margin: 0, ...storyStyles.mono }} data-testid="secret">
          {maskClientSecret(clientSecret)}
        </dd>
        <dt style={storyStyles.term}>session user</dt>
        <dd style={{ margin: 0, ...storyStyles.mono }} data-testid="session-user">
          {session?.user ?? '–'}
        </dd>
        <dt style={storyStyles.term}>expires in</dt>
        <dd style={{ margin: 0 }} data-testid="seconds-left">
          {seconds(secondsLeft)}
        </dd>
        <dt style={storyStyles.term}>{error ? 'next attempt in' : 'renews in'}</dt>
        <dd style={{ margin: 0 }} data-testid="seconds-until-refresh">
          {seconds(secondsUntilRefresh)}
        </dd>
        <dt style={storyStyles.term}>failed attempts</dt>
        <dd style={{ margin: 0 }} data-testid="attempt">
          {attempt}
        </dd>
        <dt style={storyStyles.term}>error</dt>
        <dd style={{ margin: 0, color: error ? '#cf222e' : undefined }} data-testid="error">
          {error
            ? `${error.kind}${error.status ? ` ${error.status}` : ''}${error.retryable ? ' (retrying)' : ' (stopped)'}: ${error.message}`
            : '–'}
        </dd>
      </dl>
      {actions && (
        <p style={{ display: 'flex', gap: 8, margin: '12px 0 0' }}>
          <button type="button" style={storyStyles.button} onClick={() => void refresh()}>
            Refresh now
          </button>
          <button type="button" style={storyStyles.button} onClick={reset}>
            Reset (sign out)
          </button>
        </p>
      )}
    </section>
  );
}
