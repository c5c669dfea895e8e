import {
  ChatKitTokenError,
  type ChatKitTokenErrorCode,
  type VerifiedChatKitToken,
  verifyChatKitToken,
} from '@chatkit-session/server';
import { getTokenRevocations, isTokenRefused } from '@/lib/getTokenRevocations';
import { getTokenSecret } from '@/lib/getTokenSecret';

// RFC 6750: a request without a token gets the bare challenge; a token that was refused, `invalid_token`.
const refusal = (code: ChatKitTokenErrorCode | 'refused_token', message: string) =>
  Response.json(
    { error: { message, type: 'invalid_request_error', code } },
    {
      status: 401,
      headers: {
        'Cache-Control': 'no-store',
        'WWW-Authenticate': code === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"',
      },
    },
  );

async function readMessage(request: Request): Promise<string> {
  const body: unknown = await request.json().catch(() => null);
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message.slice(0, 2000) : '';
}

/**
 * A stand-in for your own ChatKit server (OpenAI's `openai-chatkit` in Python, or one of your own): it checks the
 * token on every request with `verifyChatKitToken` and answers a refused one with 401 and its code, which makes the
 * browser's `fetch` from `useChatKitCustomApi({ url, domainKey })` renew the token once and replay the request once. A
 * real server would hand the request to its ChatKit server here, for `verified.user`; this one echoes the message.
 */
export async function POST(request: Request): Promise<Response> {
  let verified: VerifiedChatKitToken;
  try {
    verified = await verifyChatKitToken(request, { secret: getTokenSecret() });
  } catch (error) {
    if (!(error instanceof ChatKitTokenError)) throw error;
    return refusal(error.code, error.message);
  }
  const revocations = getTokenRevocations();
  if (verified.id !== null) {
    if (isTokenRefused(revocations, verified.id)) return refusal('refused_token', 'The server refuses this token.');
    revocations.lastAccepted = { id: verified.id, expiresAt: verified.expiresAt };
  }
  const message = await readMessage(request);
  return Response.json(
    { reply: `You said “${message}”.`, user: verified.user },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
