import type { MockChatKitFailure } from '@chatkit-session/server/mock';

const STATUSES: ReadonlySet<unknown> = new Set([500, 502, 503]);

/**
 * Reads a failure the demo page asks the mock to play, accepting only the kinds its buttons send.
 *
 * @param value The parsed JSON body of `POST /api/mock/fail`.
 * @returns The failure, or `null` when the body is not one of them.
 */
export function readMockFailure(value: unknown): MockChatKitFailure | null {
  if (typeof value !== 'object' || value === null) return null;
  const body = value as { kind?: unknown; status?: unknown; retryAfterSeconds?: unknown };
  switch (body.kind) {
    case 'status':
      return STATUSES.has(body.status) ? { kind: 'status', status: body.status as 500 | 502 | 503 } : null;
    case 'rate_limit': {
      const seconds = body.retryAfterSeconds;
      const valid = typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 && seconds <= 60;
      return valid ? { kind: 'rate_limit', retryAfterSeconds: seconds } : null;
    }
    case 'workflow_not_found':
    case 'network':
      return { kind: body.kind };
    default:
      return null;
  }
}
