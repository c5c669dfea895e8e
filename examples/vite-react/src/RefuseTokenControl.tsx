import { maskClientSecret, useChatSession } from '@chatkit-session/react';
import { useState } from 'react';
import { refuseToken } from './demoApi.js';

/**
 * The custom-backend control: "Refuse the current token" makes the demo's ChatKit server refuse the provider's token
 * (as a revoked one would be), so the next message gets a 401, and the chat's `fetch` renews once and replays once.
 */
export function RefuseTokenControl() {
  const token = useChatSession((session) => session.clientSecret);
  const [outcome, setOutcome] = useState<{ readonly text: string; readonly failed: boolean } | null>(null);

  const refuse = async () => {
    if (token === null) return;
    try {
      const { refused } = await refuseToken(token);
      const text = `The server now refuses token ${maskClientSecret(token)} (id ${refused}): the next message gets a 401.`;
      setOutcome({ text, failed: false });
    } catch (error) {
      setOutcome({ text: error instanceof Error ? error.message : String(error), failed: true });
    }
  };

  return (
    <>
      <div className="buttons">
        <button type="button" className="danger" disabled={token === null} onClick={() => void refuse()}>
          Refuse the current token
        </button>
      </div>
      {outcome && (
        <p className={outcome.failed ? 'error-text' : undefined} data-testid="refused-token">
          {outcome.text}
        </p>
      )}
      <p className="muted small">
        Adds the current token's id (its <code>jti</code>) to the demo server's refused list, as a revoked token would
        be. Its next chat message gets a 401 <code>refused_token</code>; the chat's <code>fetch</code> then renews the
        token once (<code>on-demand</code>) and replays the message once. Watch the request log.
      </p>
    </>
  );
}
