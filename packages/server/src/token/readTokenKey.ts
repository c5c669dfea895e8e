import type { CryptoKey } from 'jose';
import {
  CHATKIT_TOKEN_DEFAULTS,
  type ChatKitTokenAlgorithm,
  type ChatKitTokenSecret,
  type ChatKitTokenSecrets,
} from './ChatKitTokenHandlerOptions.js';

// RFC 7518, section 3.2: an HMAC key at least as long as the hash.
const MIN_BYTES: Readonly<Record<ChatKitTokenAlgorithm, number>> = { HS256: 32, HS384: 48, HS512: 64 };

/** A key as `jose` takes it: the secret's bytes, or the HMAC `CryptoKey` itself. */
export type TokenKey = Uint8Array | CryptoKey;

/** The checked algorithm, audience and issuer of a token, and its keys. */
export interface TokenSettings {
  /** The keys, in the order given: the first signs. */
  readonly keys: readonly [TokenKey, ...TokenKey[]];
  readonly algorithm: ChatKitTokenAlgorithm;
  readonly audience: string;
  readonly issuer: string;
}

function isCryptoKey(value: unknown): value is CryptoKey {
  const key = value as Partial<CryptoKey> | null;
  return typeof key === 'object' && key !== null && typeof key.type === 'string' && typeof key.algorithm === 'object';
}

function readCryptoKey(
  key: CryptoKey,
  algorithm: ChatKitTokenAlgorithm,
  creator: string,
  usage: 'sign' | 'verify',
  option: string,
): CryptoKey {
  // An HMAC key's algorithm: its name, its hash and its length in bits.
  const { name, hash, length } = key.algorithm as { name?: string; hash?: { name?: string }; length?: number };
  const bits = algorithm.slice(2);
  if (key.type !== 'secret' || name !== 'HMAC' || hash?.name !== `SHA-${bits}`) {
    throw new TypeError(`${creator}: ${option} is a CryptoKey, but not an HMAC key with SHA-${bits} (${algorithm}).`);
  }
  if ((length ?? 0) < MIN_BYTES[algorithm] * 8) {
    throw new TypeError(`${creator}: ${option} is shorter than the ${MIN_BYTES[algorithm]} bytes ${algorithm} needs.`);
  }
  if (!key.usages.includes(usage)) {
    throw new TypeError(`${creator}: ${option} is a CryptoKey that may not "${usage}".`);
  }
  return key;
}

/**
 * Checks a token secret and turns it into the key `jose` signs and verifies with.
 *
 * Errors name the option and the length; they never quote the secret.
 *
 * @param secret The secret as configured.
 * @param algorithm The algorithm it must be long enough for.
 * @param creator The public function that needs it, for the message.
 * @param usage What the key is for: `sign` (the token handler) or `verify`.
 * @param name The option as the message names it: `options.secret`, or `options.secret[1]` in a list.
 * @returns The key.
 * @throws {TypeError} When the secret is missing, of another kind, or shorter than the algorithm's hash.
 */
export function readTokenKey(
  secret: ChatKitTokenSecret,
  algorithm: ChatKitTokenAlgorithm,
  creator: string,
  usage: 'sign' | 'verify',
  name = 'options.secret',
): TokenKey {
  if (isCryptoKey(secret)) return readCryptoKey(secret, algorithm, creator, usage, name);
  let bytes: Uint8Array;
  if (typeof secret === 'string') bytes = new TextEncoder().encode(secret);
  else if (secret instanceof Uint8Array) bytes = secret;
  else {
    throw new TypeError(`${creator} needs ${name}: a string, a Uint8Array or an HMAC CryptoKey, kept on the server.`);
  }
  const min = MIN_BYTES[algorithm];
  if (bytes.byteLength < min) {
    throw new TypeError(
      `${creator}: ${name} is ${bytes.byteLength} bytes; ${algorithm} needs at least ${min} random bytes. ` +
        `Generate one with \`openssl rand -base64 ${min}\` and keep it in the server's environment.`,
    );
  }
  return bytes;
}

function readTokenKeys(
  secrets: ChatKitTokenSecrets,
  algorithm: ChatKitTokenAlgorithm,
  creator: string,
  usage: 'sign' | 'verify',
): TokenSettings['keys'] {
  if (!Array.isArray(secrets)) return [readTokenKey(secrets as ChatKitTokenSecret, algorithm, creator, usage)];
  const [first, ...rest] = secrets.map((secret: ChatKitTokenSecret, index) =>
    readTokenKey(secret, algorithm, creator, usage, `options.secret[${index}]`),
  );
  if (!first) throw new TypeError(`${creator}: options.secret is an empty list; give at least one secret.`);
  return [first, ...rest];
}

function readName(creator: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new TypeError(`${creator}: options.${name} must be a non-empty string.`);
  return value;
}

/**
 * Checks the algorithm, audience, issuer and secret shared by the token handler and `verifyChatKitToken`.
 *
 * @param options The options as given.
 * @param creator The public function they belong to, for messages.
 * @param usage What the key is for.
 * @returns The settings, with their defaults filled in.
 * @throws {TypeError} When one of them is malformed.
 */
export function readTokenSettings(
  options: {
    secret: ChatKitTokenSecrets;
    algorithm?: ChatKitTokenAlgorithm | undefined;
    audience?: string | undefined;
    issuer?: string | undefined;
  },
  creator: string,
  usage: 'sign' | 'verify',
): TokenSettings {
  const algorithm = options.algorithm ?? CHATKIT_TOKEN_DEFAULTS.algorithm;
  if (!Object.hasOwn(MIN_BYTES, algorithm)) {
    throw new TypeError(
      `${creator}: options.algorithm must be HS256, HS384 or HS512, got ${JSON.stringify(algorithm)}.`,
    );
  }
  const audience = readName(creator, 'audience', options.audience ?? CHATKIT_TOKEN_DEFAULTS.audience);
  const issuer = readName(creator, 'issuer', options.issuer ?? CHATKIT_TOKEN_DEFAULTS.issuer);
  return { keys: readTokenKeys(options.secret, algorithm, creator, usage), algorithm, audience, issuer };
}
