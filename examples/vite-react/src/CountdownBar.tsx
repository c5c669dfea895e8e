import { useChatSession, useSessionCountdown } from '@chatkit-session/react';

/** The props of `CountdownBar`. */
export interface CountdownBarProps {
  /** The lifetime the server asks for, to scale the bar; `null` for OpenAI's 600 seconds. */
  readonly lifetimeSeconds: number | null;
}

const OPENAI_DEFAULT_LIFETIME_SECONDS = 600;

/** Seconds until the session expires and until its next renewal (or retry), from `useSessionCountdown()`. */
export function CountdownBar({ lifetimeSeconds }: CountdownBarProps) {
  const { secondsLeft, secondsUntilRefresh } = useSessionCountdown();
  const retrying = useChatSession((session) => session.error?.retryable === true);
  const lifetime = lifetimeSeconds ?? OPENAI_DEFAULT_LIFETIME_SECONDS;
  const fraction = secondsLeft === null ? 0 : Math.min(1, secondsLeft / lifetime);
  return (
    <div className="countdown">
      <div className="bar" role="progressbar" aria-valuenow={secondsLeft ?? 0} aria-valuemax={lifetime}>
        <div className="fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <p>
        Expires in <strong data-testid="seconds-left">{secondsLeft ?? '–'}</strong> s ·{' '}
        {secondsUntilRefresh === null ? (
          'no renewal scheduled'
        ) : (
          <>
            {retrying ? 'retry' : 'renewal'} in{' '}
            <strong data-testid="seconds-until-refresh">{secondsUntilRefresh}</strong> s
          </>
        )}
      </p>
    </div>
  );
}
