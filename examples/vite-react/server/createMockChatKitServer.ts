import {
  ChatKitTokenError,
  type ChatKitTokenErrorCode,
  type ChatKitTokenSecret,
  type VerifiedChatKitToken,
  verifyChatKitToken,
} from '@chatkit-session/server';
import type { ChatReply, RefusedToken } from '../src/demoApi.js';
import { type DemoRoute, jsonResponse, problemResponse } from './jsonResponse.js';
import { MAX_CHAT_MESSAGE_LENGTH, readChatMessage } from './readChatMessage.js';

/** Why the demo's ChatKit server answered 401: a `verifyChatKitToken` code, or a token the demo was told to refuse. */
export type MockChatKitRefusalCode = ChatKitTokenErrorCode | 'refused_token';

/** The demo's stand-in for your own ChatKit server (custom-backend mode). */
export interface MockChatKitServer {
  /** `POST /api/chatkit`: checks the request's token and answers a chat message with an echo for the token's user. */
  readonly respond: DemoRoute;
  /** `POST /api/demo/refuse-token`: refuses from now on the token the request carries (by its id, the `jti`). */
  readonly refuseToken: DemoRoute;
}

/** The options of `createMockChatKitServer`. */
export interface MockChatKitServerOptions {
  /** The secret the token endpoint signs with. */
  readonly secret: ChatKitTokenSecret;
  /** The clock, in epoch milliseconds. Defaults to `Date.now`. */
  readonly now?: () => number;
}

// A message of 2,000 characters and its id fit in far less, JSON escapes included.
const MAX_BODY_BYTES = 16_384;
const REFUSED_MESSAGE =
  'The server refuses this ChatKit token ("Refuse the current token"): get a new one from the token endpoint and ' +
  'send the request again.';

// RFC 6750: a request without credentials gets the bare challenge; a refused token, `invalid_token`.
const refusal = (code: MockChatKitRefusalCode, message: string) =>
  problemResponse(401, message, {
    code,
    headers: { 'WWW-Authenticate': code === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"' },
  });

/** Checks the request's token; a refused one becomes the 401 to answer. */
async function verify(
  request: Request,
  options: Required<MockChatKitServerOptions>,
): Promise<VerifiedChatKitToken | Response> {
  try {
    return await verifyChatKitToken(request, options);
  } catch (error) {
    if (error instanceof ChatKitTokenError) return refusal(error.code, error.message);
    throw error;
  }
}

async function readMessageBody(request: Request) {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return null;
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return null;
  try {
    return readChatMessage(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Creates the demo's ChatKit server: what your own ChatKit server route does first (check the token with
 * `verifyChatKitToken`, answer 401 when it is missing, invalid, expired or refused), then a stand-in reply.
 *
 * @param options The token endpoint's secret.
 * @returns Its two routes.
 */
export function createMockChatKitServer(options: MockChatKitServerOptions): MockChatKitServer {
  const checks = { secret: options.secret, now: options.now ?? Date.now };
  // Refused token ids, until their expiry: after it, verifyChatKitToken refuses them anyway.
  const refused = new Map<string, number>();
  const forgetExpired = () => {
    for (const [id, expiresAt] of refused) if (expiresAt < checks.now()) refused.delete(id);
  };
  return {
    async respond(request) {
      const token = await verify(request, checks);
      if (token instanceof Response) return token;
      if (token.id !== null && refused.has(token.id)) return refusal('refused_token', REFUSED_MESSAGE);
      const message = await readMessageBody(request);
      if (!message) {
        const expected = `Send {"id": "msg_…", "text": "…"} with a text of 1 to ${MAX_CHAT_MESSAGE_LENGTH} characters.`;
        return problemResponse(400, expected, { code: 'invalid_message' });
      }
      const reply: ChatReply = {
        id: `reply_${message.id}`,
        user: token.user,
        text: `Echo for ${token.user}: ${message.text}`,
      };
      return jsonResponse(200, reply);
    },
    async refuseToken(request) {
      const token = await verify(request, checks);
      if (token instanceof Response) return token;
      if (token.id === null)
        return problemResponse(400, 'This token has no id (jti) to refuse.', { code: 'no_token_id' });
      forgetExpired();
      refused.set(token.id, token.expiresAt);
      const answer: RefusedToken = { refused: token.id };
      return jsonResponse(202, answer);
    },
  };
}
