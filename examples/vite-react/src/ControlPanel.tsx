import { useChatSession } from '@chatkit-session/react';
import { useState } from 'react';
import { type DemoFailure, injectMockFailure } from './demoApi.js';
import { RefuseTokenControl } from './RefuseTokenControl.js';

/** The props of `ControlPanel`. */
export interface ControlPanelProps {
  /** Whether the endpoint talks to the mock API, whose failures the buttons can script. */
  readonly onMock: boolean;
  /** Whether the page is in custom-backend mode, where the demo's ChatKit server can refuse the current token. */
  readonly customBackend: boolean;
  /** Called after `reset()`, to unmount the provider as a sign-out would. */
  readonly onSignOut: () => void;
}

const FAILURES: readonly { readonly label: string; readonly failure: DemoFailure }[] = [
  { label: 'Fail next with 503', failure: { kind: 'status', status: 503 } },
  { label: 'Fail with 429 (Retry-After 5)', failure: { kind: 'rate_limit', retryAfterSeconds: 5 } },
  { label: 'Fail with 404 workflow', failure: { kind: 'workflow_not_found' } },
  { label: 'Network error', failure: { kind: 'network' } },
];

/** Buttons that renew, script the mock's next failure or refuse the current token, or sign out. */
export function ControlPanel({ onMock, customBackend, onSignOut }: ControlPanelProps) {
  const refresh = useChatSession((session) => session.refresh);
  const reset = useChatSession((session) => session.reset);
  const [problem, setProblem] = useState<string | null>(null);

  // Queues the failure on the mock, then renews at once so its effect shows without waiting for the schedule.
  const failNext = async (failure: DemoFailure) => {
    setProblem(null);
    try {
      await injectMockFailure(failure);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return;
    }
    await refresh();
  };

  return (
    <section className="card">
      <h2>Controls</h2>
      <div className="buttons">
        <button type="button" className="primary" onClick={() => void refresh()}>
          Renew now
        </button>
        <button
          type="button"
          onClick={() => {
            reset();
            onSignOut();
          }}
        >
          Sign out (reset)
        </button>
      </div>
      {onMock && (
        <>
          <div className="buttons">
            {FAILURES.map(({ label, failure }) => (
              <button key={label} type="button" className="danger" onClick={() => void failNext(failure)}>
                {label}
              </button>
            ))}
          </div>
          <p className="muted small">
            Each failure button queues one failure on the mock ChatKit API for its next session call, then renews now.
            The endpoint answers 502 for an upstream 5xx or network error, keeps 429 with its Retry-After, and 404 for a
            missing workflow.
          </p>
        </>
      )}
      {customBackend && <RefuseTokenControl />}
      {problem && <p className="error-text">{problem}</p>}
    </section>
  );
}
