import { areDevControlsEnabled } from '@/lib/areDevControlsEnabled';
import { getTokenRevocations } from '@/lib/getTokenRevocations';

/**
 * Development only: makes the ChatKit route refuse the token it accepted last, as a server does with a revoked
 * token, so you can watch the browser renew it once and replay the request once. Answers 404 in production.
 */
export function POST(): Response {
  if (!areDevControlsEnabled()) {
    return Response.json({ error: { message: 'Not found.', type: 'invalid_request_error' } }, { status: 404 });
  }
  const revocations = getTokenRevocations();
  const last = revocations.lastAccepted;
  if (last) revocations.refused.set(last.id, last.expiresAt);
  return Response.json({ refused: last?.id ?? null }, { headers: { 'Cache-Control': 'no-store' } });
}
