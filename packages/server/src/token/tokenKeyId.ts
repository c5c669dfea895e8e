import type { ChatKitTokenAlgorithm } from './ChatKitTokenHandlerOptions.js';
import type { TokenKey } from './readTokenKey.js';

// The key id is the key's HMAC of this fixed text: it names the key without revealing it (HMAC is a one-way
// function of the key), the same whether the key is bytes or a non-extractable CryptoKey that may only verify.
const LABEL = new TextEncoder().encode('chatkit-session key id');

function toCryptoKey(key: TokenKey, algorithm: ChatKitTokenAlgorithm): Promise<CryptoKey> {
  if (!(key instanceof Uint8Array)) return Promise.resolve(key as CryptoKey);
  const hash = `SHA-${algorithm.slice(2)}`;
  return crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, [
    'sign',
    'verify',
  ]);
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[\w-]{1,200}$/.test(text)) return null;
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
}

/**
 * Computes the `kid` the token handler writes for its signing key: the base64url HMAC of `chatkit-session key id`
 * under the key, with the algorithm's hash.
 *
 * @param key The signing key.
 * @param algorithm The algorithm whose hash the HMAC uses.
 * @returns The key id.
 */
export async function computeTokenKeyId(key: TokenKey, algorithm: ChatKitTokenAlgorithm): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await toCryptoKey(key, algorithm), LABEL);
  let binary = '';
  for (const byte of new Uint8Array(mac)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Tells whether a token's `kid` names this key; a key that may only verify can answer too.
 *
 * @param key A key the verifier accepts.
 * @param algorithm The algorithm whose hash the HMAC uses.
 * @param kid The token's `kid` header.
 * @returns `true` when the kid is this key's id.
 */
export async function matchesTokenKeyId(
  key: TokenKey,
  algorithm: ChatKitTokenAlgorithm,
  kid: string,
): Promise<boolean> {
  const mac = fromBase64url(kid);
  if (!mac) return false;
  return crypto.subtle.verify('HMAC', await toCryptoKey(key, algorithm), mac, LABEL);
}
