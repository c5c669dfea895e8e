import type { MockChatKitFailure } from '@chatkit-session/server/mock';

/** One step of a failure script: a failure the mock ChatKit API plays, or `ok` for a normal answer. */
export type FailureScriptStep = MockChatKitFailure | { readonly kind: 'ok' };

/** The words a failure script is written in, as the story controls describe them. */
export const FAILURE_SCRIPT_HELP =
  'What the mock ChatKit API does on the next create-session calls, one step per call, in order, comma-separated: ' +
  '`ok` (a session), `network`, `500`, `502`, `503`, `429` (Retry-After 2 s; `429:5` for 5 s), `404` (workflow not ' +
  'found), `401` (bad API key), `hang`. After the script, every call gets a session. Editing it replaces what is left.';

function parseStep(step: string): FailureScriptStep | null {
  const [word = '', argument] = step.split(':');
  switch (word) {
    case 'ok':
      return { kind: 'ok' };
    case 'network':
      return { kind: 'network' };
    case '500':
    case '502':
    case '503':
      return { kind: 'status', status: Number(word) as 500 | 502 | 503 };
    case '429':
      return { kind: 'rate_limit', retryAfterSeconds: argument ? Math.max(0, Number(argument) || 0) : 2 };
    case '404':
      return { kind: 'workflow_not_found' };
    case '401':
      return { kind: 'unauthorized' };
    case 'hang':
      return { kind: 'hang' };
    default:
      return null;
  }
}

/**
 * Reads a failure script such as `ok, 503, network, 429:3`; unknown words are skipped.
 *
 * @param script The script.
 * @returns The steps, in order.
 */
export function parseFailureScript(script: string): FailureScriptStep[] {
  return script
    .split(',')
    .map((step) => step.trim().toLowerCase())
    .filter(Boolean)
    .flatMap((step) => parseStep(step) ?? []);
}
