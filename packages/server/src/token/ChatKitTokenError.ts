/**
 * Why a request's ChatKit token was refused:
 * - `missing_token`: no `Authorization: Bearer <token>` header;
 * - `malformed_token`: the header holds something that is not a JWT;
 * - `unknown_key`: the token's `kid` header names none of the secrets this check holds (a secret dropped from the
 *   list too early, or a token minted before tokens named their key);
 * - `invalid_signature`: the token was not signed with this secret and algorithm, or was altered after it was;
 * - `wrong_type`: the token's `typ` header is not `chatkit+jwt`: it is some other JWT, or was minted before tokens
 *   were typed;
 * - `wrong_audience`: the token is for another `audience`;
 * - `wrong_issuer`: the token is from another `issuer`, or names none;
 * - `expired_token`: the token's `exp` has passed (beyond the clock tolerance);
 * - `invalid_claims`: the token lacks a user (`sub`), an issue time (`iat`) or an expiry (`exp`), was issued in the
 *   future or is not valid yet (`iat`, `nbf`, beyond the clock tolerance), or lasts longer than `maxLifetimeSeconds`;
 * - `revoked_token`: the user signed out (the revocation store's `revoke`) in or after the second the token was
 *   issued;
 * - `revocation_unavailable` (status 503): the revocation store failed, so no token can be trusted until it is back.
 */
export type ChatKitTokenErrorCode =
  | 'missing_token'
  | 'malformed_token'
  | 'unknown_key'
  | 'invalid_signature'
  | 'wrong_type'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'expired_token'
  | 'invalid_claims'
  | 'revoked_token'
  | 'revocation_unavailable';

// Fixed sentences, so nothing of the token (or the secret) can ever reach a message.
const MESSAGES: Readonly<Record<ChatKitTokenErrorCode, string>> = {
  missing_token:
    'The request carries no ChatKit token: send it as "Authorization: Bearer <token>" (useChatKitApi\'s fetch does).',
  malformed_token: "The ChatKit token is not a well-formed JWT: send the token endpoint's client_secret as it came.",
  unknown_key:
    "The ChatKit token was signed with a key this server does not hold (its kid names none of this check's secrets): " +
    'get a new one from the token endpoint, and drop an old secret only one token lifetime after the new one signs.',
  invalid_signature:
    "The ChatKit token was not signed with this server's secret and algorithm, or was altered: get a new one from " +
    'the token endpoint, and check that the token endpoint and this check share the same secret.',
  wrong_type:
    'The token is not a ChatKit token (its typ header is not chatkit+jwt): get a new one from the token endpoint.',
  wrong_audience:
    'The ChatKit token is meant for another audience: give the token endpoint and this check the same audience.',
  wrong_issuer: 'The ChatKit token comes from another issuer: give the token endpoint and this check the same issuer.',
  expired_token: 'The ChatKit token has expired: renew it at the token endpoint and send the request again.',
  invalid_claims:
    'The ChatKit token lacks a user (sub), an issue time (iat) or an expiry (exp), was issued in the future or is ' +
    'not valid yet (iat, nbf), or lasts longer than this check allows (maxLifetimeSeconds).',
  revoked_token:
    'The ChatKit token was revoked (its user signed out after it was minted): sign in again for a new one.',
  revocation_unavailable:
    'The server could not check whether this ChatKit token was revoked (its revocation store failed): retry later.',
};

/**
 * The error `verifyChatKitToken` rejects with when a request's token cannot be trusted; answer it with a 401.
 *
 * Its message is one fixed sentence per `code`: it never contains the token, a claim or the secret.
 *
 * @example
 * try {
 *   const { user } = await verifyChatKitToken(request, { secret });
 * } catch (error) {
 *   if (error instanceof ChatKitTokenError) {
 *     return Response.json({ error: { message: error.message, code: error.code } }, { status: error.status });
 *   }
 *   throw error;
 * }
 */
export class ChatKitTokenError extends Error {
  override readonly name = 'ChatKitTokenError';
  /**
   * The status to answer with: 401, which makes the browser's fetch renew the token and replay once, or 503 for
   * `revocation_unavailable`, which no new token would fix.
   */
  readonly status: 401 | 503;
  /** Why the token was refused. */
  readonly code: ChatKitTokenErrorCode;

  /**
   * Creates the error.
   *
   * @param code Why the token was refused; the message follows from it.
   */
  constructor(code: ChatKitTokenErrorCode) {
    super(MESSAGES[code]);
    this.code = code;
    this.status = code === 'revocation_unavailable' ? 503 : 401;
  }
}
