import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import { assertNotRevoked } from '../revocation/assertNotRevoked.js';
import type { ChatKitRevocationStore } from '../revocation/ChatKitRevocationStore.js';
import { ChatKitTokenError, type ChatKitTokenErrorCode } from './ChatKitTokenError.js';
import {
  CHATKIT_TOKEN_DEFAULTS,
  type ChatKitTokenAlgorithm,
  type ChatKitTokenSecrets,
} from './ChatKitTokenHandlerOptions.js';
import { readTokenSettings, type TokenSettings } from './readTokenKey.js';
import { matchesTokenKeyId } from './tokenKeyId.js';

/** How `verifyChatKitToken` checks a token: the same secret, algorithm and audience as the token endpoint's. */
export interface VerifyChatKitTokenOptions {
  /**
   * The secret the token endpoint signs with, or a list while keys rotate: a token is checked with the one its `kid`
   * header names. Required: there is no default.
   */
  readonly secret: ChatKitTokenSecrets;
  /** The `aud` claim required. Defaults to `'chatkit'`. */
  readonly audience?: string | undefined;
  /** The `iss` claim required: the token endpoint's `issuer`. Defaults to `'chatkit-session'`. */
  readonly issuer?: string | undefined;
  /** The only algorithm accepted. Defaults to `'HS256'`. */
  readonly algorithm?: ChatKitTokenAlgorithm | undefined;
  /**
   * How far this server's clock may disagree with the token endpoint's, in seconds, 0 to 300: a token counts as
   * expired only that long after its `exp`. Defaults to `5`.
   */
  readonly clockToleranceSeconds?: number | undefined;
  /**
   * The longest lifetime (`exp` minus `iat`) accepted, in whole seconds, 1 to 86400: a token that claims to last
   * longer was not minted by `createChatKitTokenHandler`. Defaults to `3600`, the longest the handler mints.
   */
  readonly maxLifetimeSeconds?: number | undefined;
  /**
   * Where sign-outs are kept (`createMemoryChatKitRevocationStore()`, or the Redis one): a token issued no later than
   * the second of its user's last `revoke` is refused as `revoked_token`, and while the store fails every token is
   * refused as `revocation_unavailable` (503). Defaults to none: tokens live until they expire.
   */
  readonly revocations?: ChatKitRevocationStore | undefined;
  /** The clock, in epoch milliseconds. Defaults to `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** Who a valid token was minted for, and until when it is good. */
export interface VerifiedChatKitToken {
  /** The signed-in user the token endpoint minted it for (its `sub` claim). */
  readonly user: string;
  /** When it expires (its `exp` claim), in epoch milliseconds. */
  readonly expiresAt: number;
  /** The token's id (its `jti` claim), for a list of revoked tokens; `null` when it has none. */
  readonly id: string | null;
}

const CREATOR = 'verifyChatKitToken';
const KNOWN = optionNames<VerifyChatKitTokenOptions>({
  secret: true,
  audience: true,
  issuer: true,
  algorithm: true,
  clockToleranceSeconds: true,
  maxLifetimeSeconds: true,
  revocations: true,
  now: true,
});
// A day: room for a token endpoint of another make, not for a token that never ends.
const LONGEST_LIFETIME_ALLOWED = 86_400;
// PyJWT's name for the clock tolerance, which the README's Python check uses.
const RELATED = { leeway: 'clockToleranceSeconds' };
// A token of this package is about 300 characters; a header far longer than any is not worth parsing.
const MAX_TOKEN_LENGTH = 8192;

function readBearerToken(request: Request): string {
  const header = request.headers.get('authorization')?.trim() ?? '';
  const scheme = /^Bearer(?:\s+|$)/i.exec(header);
  const token = scheme ? header.slice(scheme[0].length) : '';
  if (token === '') throw new ChatKitTokenError('missing_token');
  if (token.length > MAX_TOKEN_LENGTH || !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
    throw new ChatKitTokenError('malformed_token');
  }
  return token;
}

function readTolerance(value: number | undefined): number {
  const { clockToleranceSeconds, maxClockToleranceSeconds } = CHATKIT_TOKEN_DEFAULTS;
  if (value === undefined) return clockToleranceSeconds;
  if (!Number.isFinite(value) || value < 0 || value > maxClockToleranceSeconds) {
    throw new TypeError(
      `${CREATOR}: clockToleranceSeconds must be from 0 to ${maxClockToleranceSeconds}, got ${value}.`,
    );
  }
  return value;
}

function readMaxLifetime(value: number | undefined): number {
  if (value === undefined) return CHATKIT_TOKEN_DEFAULTS.maxLifetimeSeconds;
  if (!Number.isInteger(value) || value < 1 || value > LONGEST_LIFETIME_ALLOWED) {
    throw new TypeError(
      `${CREATOR}: maxLifetimeSeconds must be a whole number from 1 to ${LONGEST_LIFETIME_ALLOWED}, got ${value}.`,
    );
  }
  return value;
}

const CLAIM_CODES: Readonly<Record<string, ChatKitTokenErrorCode>> = {
  aud: 'wrong_audience',
  iss: 'wrong_issuer',
  typ: 'wrong_type',
};

/** The key a token's `kid` header names; a token without one, or naming none of the keys, is refused. */
async function pickKey(token: string, { keys, algorithm }: TokenSettings) {
  let kid: unknown;
  try {
    ({ kid } = decodeProtectedHeader(token));
  } catch {
    throw new ChatKitTokenError('malformed_token');
  }
  // Tokens without a kid come from before keys were named; they lack typ and iss too, so nothing else could pass.
  if (typeof kid !== 'string') throw new ChatKitTokenError('unknown_key');
  for (const key of keys) if (await matchesTokenKeyId(key, algorithm, kid)) return key;
  throw new ChatKitTokenError('unknown_key');
}

/** Names what `jose` found wrong with a token, or `null` when the failure is not the token's. */
function codeOfFailure(error: unknown): ChatKitTokenErrorCode | null {
  if (error instanceof errors.JWTExpired) return 'expired_token';
  if (error instanceof errors.JWTClaimValidationFailed) return CLAIM_CODES[error.claim] ?? 'invalid_claims';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) {
    return 'invalid_signature';
  }
  // The rest (JWSInvalid, JWTInvalid, an unknown `crit` header…) is a token this server cannot read.
  return error instanceof errors.JOSEError ? 'malformed_token' : null;
}

/**
 * Checks the ChatKit token a request carries in `Authorization: Bearer …`, on your app's own ChatKit server route.
 *
 * The token must be signed with `secret` and `algorithm`, be typed `chatkit+jwt`, come from `issuer`, be meant for
 * `audience`, name a user, have been issued (`iat`) no later than now and not have expired (both within
 * `clockToleranceSeconds`), and last no longer than `maxLifetimeSeconds`. A refused token rejects with a `ChatKitTokenError` whose `status` is 401: answer
 * with it, and the browser's ChatKit fetch renews the token and replays the request once.
 *
 * @param request The request to your ChatKit server route.
 * @param options The secret, and the audience, algorithm, clock tolerance and clock the token endpoint uses.
 * @returns The user the token was minted for and when it expires (epoch milliseconds).
 * @throws {ChatKitTokenError} When the token is missing, malformed, signed otherwise, of another type, issuer or
 *   audience, expired, revoked, or its claims are missing or out of range; `status` is 503 when the revocation
 *   store failed.
 * @throws {TypeError} When an option is unknown or malformed, such as a secret shorter than 32 bytes.
 * @example
 * export async function POST(request: Request) {
 *   const { user } = await verifyChatKitToken(request, { secret: process.env.CHATKIT_TOKEN_SECRET ?? '' });
 *   return chatKitServer.process(await request.text(), { user });
 * }
 */
export async function verifyChatKitToken(
  request: Request,
  options: VerifyChatKitTokenOptions,
): Promise<VerifiedChatKitToken> {
  assertKnownOptions(CREATOR, options, KNOWN, RELATED);
  const settings = readTokenSettings(options, CREATOR, 'verify');
  if (options.revocations !== undefined && typeof options.revocations?.getRevokedAt !== 'function') {
    throw new TypeError(
      `${CREATOR}: revocations must have getRevokedAt(), such as createMemoryChatKitRevocationStore().`,
    );
  }
  const { algorithm, audience, issuer } = settings;
  const clockTolerance = readTolerance(options.clockToleranceSeconds);
  const maxLifetime = readMaxLifetime(options.maxLifetimeSeconds);
  const currentDate = new Date((options.now ?? Date.now)());
  const token = readBearerToken(request);
  const key = await pickKey(token, settings);
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [algorithm],
      typ: CHATKIT_TOKEN_DEFAULTS.type,
      issuer,
      audience,
      clockTolerance,
      currentDate,
      // jose's age check also refuses an `iat` later than now plus the tolerance, as PyJWT does.
      maxTokenAge: maxLifetime,
      requiredClaims: ['sub', 'exp', 'iat'],
    }));
  } catch (error) {
    const code = codeOfFailure(error);
    // jose's own error carries the claims; ours carries only a fixed sentence, and no cause.
    if (code) throw new ChatKitTokenError(code);
    throw error;
  }
  const { sub, exp, iat, jti } = payload;
  if (typeof sub !== 'string' || sub === '' || typeof exp !== 'number' || typeof iat !== 'number') {
    throw new ChatKitTokenError('invalid_claims');
  }
  // A token fresh now but valid for years would outlive every secret rotation and sign-out.
  if (exp - iat > maxLifetime) throw new ChatKitTokenError('invalid_claims');
  if (options.revocations) await assertNotRevoked(options.revocations, sub, iat);
  return { user: sub, expiresAt: exp * 1000, id: typeof jti === 'string' ? jti : null };
}
