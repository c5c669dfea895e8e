import { assertKnownOptions, optionNames } from '../assertKnownOptions.js';
import { type EndpointConfig, resolveEndpointConfig } from '../handler/resolveEndpointConfig.js';
import { redactSecrets } from '../openai/redactSecrets.js';
import type { ChatKitRevocationStore } from '../revocation/ChatKitRevocationStore.js';
import { CHATKIT_TOKEN_DEFAULTS, type ChatKitTokenHandlerOptions } from './ChatKitTokenHandlerOptions.js';
import { readTokenSettings, type TokenSettings } from './readTokenKey.js';
import { computeTokenKeyId } from './tokenKeyId.js';

/** The token handler's options, checked once and with their defaults filled in. */
export interface TokenHandlerConfig extends EndpointConfig, TokenSettings {
  readonly lifetimeSeconds: number;
  readonly revocations: ChatKitRevocationStore | null;
  /** The `kid` of the signing key (the first), computed once, on the first mint. */
  readonly keyId: () => Promise<string>;
}

const WORDS = { creator: 'createChatKitTokenHandler', thing: 'token', made: 'minted' } as const;

const KNOWN = optionNames<ChatKitTokenHandlerOptions>({
  secret: true,
  resolveUser: true,
  audience: true,
  issuer: true,
  lifetimeSeconds: true,
  revocations: true,
  algorithm: true,
  allowedOrigins: true,
  maxBodyBytes: true,
  onError: true,
  now: true,
  userBudget: true,
});
// The session handler's name for the lifetime.
const RELATED = { expiresAfterSeconds: 'lifetimeSeconds' };

function readRevocations(value: ChatKitRevocationStore | undefined): ChatKitRevocationStore | null {
  if (value === undefined) return null;
  if (typeof value?.getRevokedAt !== 'function') {
    throw new TypeError(
      `${WORDS.creator}: revocations must have getRevokedAt(), such as createMemoryChatKitRevocationStore().`,
    );
  }
  return value;
}

function readLifetime(value: number | undefined): number {
  const { lifetimeSeconds, maxLifetimeSeconds } = CHATKIT_TOKEN_DEFAULTS;
  if (value === undefined) return lifetimeSeconds;
  if (!Number.isInteger(value) || value < 1 || value > maxLifetimeSeconds) {
    throw new TypeError(
      `${WORDS.creator}: lifetimeSeconds must be a whole number from 1 to ${maxLifetimeSeconds}, got ${value}. ` +
        'A token is a short-lived credential: the browser renews it before it expires.',
    );
  }
  return value;
}

/**
 * Checks the token handler's options and fills in their defaults.
 *
 * @param options The options given to `createChatKitTokenHandler`.
 * @returns The configuration each request uses.
 * @throws {TypeError} When an option is unknown or malformed, such as a secret shorter than 32 bytes.
 */
export function resolveTokenHandlerConfig(options: ChatKitTokenHandlerOptions): TokenHandlerConfig {
  assertKnownOptions(WORDS.creator, options, KNOWN, RELATED);
  const { secret } = options;
  const settings = readTokenSettings(options, WORDS.creator, 'sign');
  const strings = (Array.isArray(secret) ? secret : [secret]).filter((one) => typeof one === 'string');
  const redact = (text: string) =>
    strings.reduce((out: string, one: string) => redactSecrets(out, one), redactSecrets(text));
  const lifetimeSeconds = readLifetime(options.lifetimeSeconds);
  let keyId: Promise<string> | undefined;
  return {
    ...resolveEndpointConfig(options, WORDS, redact, lifetimeSeconds),
    ...settings,
    lifetimeSeconds,
    revocations: readRevocations(options.revocations),
    // A failed computation is not kept: the next mint tries again.
    keyId: () => {
      keyId ??= computeTokenKeyId(settings.keys[0], settings.algorithm).catch((error: unknown) => {
        keyId = undefined;
        throw error;
      });
      return keyId;
    },
  };
}
