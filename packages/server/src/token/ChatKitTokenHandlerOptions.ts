// jose's CryptoKey: the host's Web Crypto key type where the host declares one, a structural one elsewhere (a Node
// server without the DOM library's types), so these types compile everywhere.
import type { CryptoKey } from 'jose';
import type { ChatKitEndpointOptions } from '../handler/ChatKitEndpointOptions.js';
import type { ChatKitRevocationStore } from '../revocation/ChatKitRevocationStore.js';

/** The HMAC algorithms a ChatKit token can be signed with. */
export type ChatKitTokenAlgorithm = 'HS256' | 'HS384' | 'HS512';

/**
 * The server secret that signs and checks ChatKit tokens: a string (its UTF-8 bytes count), bytes, or an HMAC
 * `CryptoKey`. It must hold at least as many bytes as the algorithm's hash: 32 for HS256, 48 for HS384, 64 for HS512.
 */
export type ChatKitTokenSecret = string | Uint8Array | CryptoKey;

/**
 * One secret, or a list of them while keys rotate: the token handler signs with the first, and
 * `verifyChatKitToken` accepts a token signed with any of them, picking the one its `kid` header names.
 */
export type ChatKitTokenSecrets = ChatKitTokenSecret | readonly ChatKitTokenSecret[];

/** The defaults of the token handler and of `verifyChatKitToken`. */
export const CHATKIT_TOKEN_DEFAULTS = Object.freeze({
  /** The `aud` claim minted and required. */
  audience: 'chatkit',
  /** The `iss` claim minted and required. */
  issuer: 'chatkit-session',
  /** The `typ` header minted and required: it tells a ChatKit token from any other JWT signed with the same secret. */
  type: 'chatkit+jwt',
  /** The signing algorithm. */
  algorithm: 'HS256',
  /** A token's lifetime, in seconds. */
  lifetimeSeconds: 600,
  /** The longest lifetime the handler mints and `verifyChatKitToken` accepts, in seconds. */
  maxLifetimeSeconds: 3600,
  /** How far `verifyChatKitToken` lets clocks disagree, in seconds. */
  clockToleranceSeconds: 5,
  /** The largest clock tolerance allowed, in seconds. */
  maxClockToleranceSeconds: 300,
} as const);

/** The token endpoint: takes the browser's request and answers with a token or a JSON error. */
export type ChatKitTokenHandler = (request: Request) => Promise<Response>;

/**
 * What the token endpoint answers with: a short-lived token for the signed-in user, shaped so that
 * `createChatSessionController({ fetchSession })` takes it as it takes a ChatKit session.
 */
export interface ChatKitTokenResource {
  /** Always `chatkit.token`. */
  readonly object: 'chatkit.token';
  /** The token's `jti` claim: a random id, unique per token. */
  readonly id: string;
  /** The token itself, a signed JWT, for `Authorization: Bearer …`; named like a session's secret. */
  readonly client_secret: string;
  /** When the token expires, in Unix seconds on the server's clock (the answer's `Date`): its `exp` claim. */
  readonly expires_at: number;
  /** Always `active`: a token is handed out only while it is valid. */
  readonly status: 'active';
  /** The signed-in user, from `resolveUser`: the token's `sub` claim. */
  readonly user: string;
}

/** How `createChatKitTokenHandler` signs tokens and whom it serves. */
export interface ChatKitTokenHandlerOptions extends ChatKitEndpointOptions {
  /**
   * The server secret tokens are signed with: at least 32 bytes for HS256 (a string counts its UTF-8 bytes), such
   * as `openssl rand -base64 32` kept in an environment variable. Your ChatKit server checks tokens with the same
   * one. A list signs with its first secret (to rotate keys: see the README) and names it in the token's `kid`
   * header. Required: there is no default.
   */
  readonly secret: ChatKitTokenSecrets;
  /** The `aud` claim of every token; `verifyChatKitToken` must expect the same. Defaults to `'chatkit'`. */
  readonly audience?: string | undefined;
  /** The `iss` claim of every token; `verifyChatKitToken` must expect the same. Defaults to `'chatkit-session'`. */
  readonly issuer?: string | undefined;
  /** How long each token lasts, in whole seconds, 1 to 3600. Defaults to `600`. */
  readonly lifetimeSeconds?: number | undefined;
  /**
   * The revocation store your `verifyChatKitToken` checks. Given, a token minted for a user in the same second as
   * their sign-out is dated the next second (`iat` counts whole seconds, so it would be refused as one from before the
   * sign-out): a user who signs out and in again at once gets a token that passes. Defaults to none.
   */
  readonly revocations?: ChatKitRevocationStore | undefined;
  /** The HMAC algorithm tokens are signed with. Defaults to `'HS256'`. */
  readonly algorithm?: ChatKitTokenAlgorithm | undefined;
}
