import { SignJWT } from 'jose';
import { createSignedInEndpoint, serverProblem } from '../handler/createSignedInEndpoint.js';
import type { HandlerProblem } from '../handler/HandlerProblem.js';
import { jsonResponse } from '../handler/jsonResponse.js';
import {
  CHATKIT_TOKEN_DEFAULTS,
  type ChatKitTokenHandler,
  type ChatKitTokenHandlerOptions,
  type ChatKitTokenResource,
} from './ChatKitTokenHandlerOptions.js';
import { resolveTokenHandlerConfig, type TokenHandlerConfig } from './resolveTokenHandlerConfig.js';

/**
 * The `iat` of a token minted now: this second, or the next one when the user signed out in this second, since the
 * verifier refuses every token of that second (it cannot tell which came before the sign-out). A store that fails dates
 * it now: the verifier, failing closed, decides.
 */
async function issuedAtFor(user: string, nowMs: number, config: TokenHandlerConfig): Promise<number> {
  const now = Math.floor(nowMs / 1000);
  const revokedAt = await config.revocations?.getRevokedAt(user).catch(() => null);
  return typeof revokedAt === 'number' ? Math.max(now, Math.floor(revokedAt / 1000) + 1) : now;
}

/** Signs a token for the user, dated by the handler's clock, which the answer's `Date` also shows. */
async function mintToken(user: string, config: TokenHandlerConfig): Promise<Response | HandlerProblem> {
  const nowMs = config.now();
  const issuedAt = await issuedAtFor(user, nowMs, config);
  const expiresAt = issuedAt + config.lifetimeSeconds;
  const id = crypto.randomUUID();
  let token: string;
  try {
    const kid = await config.keyId();
    token = await new SignJWT()
      .setProtectedHeader({ alg: config.algorithm, typ: CHATKIT_TOKEN_DEFAULTS.type, kid })
      .setIssuer(config.issuer)
      .setSubject(user)
      .setAudience(config.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(id)
      .sign(config.keys[0]);
  } catch (error) {
    const message = 'The server could not sign the token: check the secret given to createChatKitTokenHandler.';
    return serverProblem('token_signing_failed', message, error);
  }
  const body: ChatKitTokenResource = {
    object: 'chatkit.token',
    id,
    client_secret: token,
    expires_at: expiresAt,
    status: 'active',
    user,
  };
  return jsonResponse(200, body, { Date: new Date(nowMs).toUTCString() });
}

/**
 * Creates your app's token endpoint for ChatKit's custom-backend mode: a web-standard handler that mints a
 * short-lived token for the signed-in user.
 *
 * The token is a JWT signed with your server secret (the first, when `secret` is a list; HS256 unless `algorithm`
 * says otherwise), typed `typ: 'chatkit+jwt'` and naming its key in `kid`, with the claims `iss`, `sub` (the user from `resolveUser`), `aud`, `iat`, `exp` and a random
 * `jti`. The endpoint shares the session handler's
 * checks (POST only, `allowedOrigins`, `maxBodyBytes`, 401 when nobody is signed in) and error shape, and answers
 * `{ object: 'chatkit.token', id, client_secret, expires_at, status: 'active', user }` with `Cache-Control: no-store`
 * and a `Date` on the clock `expires_at` is on, so `createChatSessionController({ fetchSession })` renews it like a
 * session. Your ChatKit server checks the token with `verifyChatKitToken`. The secret never appears in an answer or
 * a report.
 *
 * @param options The secret, how to tell the user, and the token's audience and lifetime.
 * @returns The handler: `(request: Request) => Promise<Response>`.
 * @throws {TypeError} When an option is malformed, such as a secret shorter than 32 bytes or `lifetimeSeconds: 7200`,
 *   or unknown, such as the session handler's `expiresAfterSeconds`: the message names it and the option meant.
 * @example
 * // app/api/chatkit/token/route.ts (Next.js)
 * export const POST = createChatKitTokenHandler({
 *   secret: process.env.CHATKIT_TOKEN_SECRET ?? '',
 *   resolveUser: async (request) => (await getSignedInUser(request))?.id ?? null,
 * });
 */
export function createChatKitTokenHandler(options: ChatKitTokenHandlerOptions): ChatKitTokenHandler {
  const config = resolveTokenHandlerConfig(options);
  return createSignedInEndpoint(config, (_request, user) => mintToken(user, config));
}
