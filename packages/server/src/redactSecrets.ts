// OpenAI's own 401 message echoes a masked key ("Incorrect API key provided: sk-ab****wxyz."); its visible
// ends are pieces of the secret, so the whole token goes, not only an exact match of the key.
const OPENAI_KEY_TOKEN = /\bsk-[\w*.-]+/g;
const ECHOED_KEY = /(API key provided:\s*)[^\s.]+/gi;

/** What stands in for a removed secret. */
export const REDACTED = '[redacted]';

/**
 * Removes an API key, and anything that looks like an OpenAI key or a masked echo of one, from a text.
 *
 * @param text The text that may hold a secret (an upstream message, a log line).
 * @param apiKey The key to remove wherever it appears.
 * @returns The text without the secret.
 */
export function redactSecrets(text: string, apiKey?: string | null): string {
  let out = text;
  if (apiKey) out = out.split(apiKey).join(REDACTED);
  return out.replace(OPENAI_KEY_TOKEN, REDACTED).replace(ECHOED_KEY, `$1${REDACTED}`);
}

/**
 * Checks an API key and returns it trimmed, or throws a `TypeError` that says what to pass.
 *
 * The error never quotes the key: a key with a stray character would otherwise end up in a log.
 *
 * @param apiKey The key as configured.
 * @param caller The public function that needs it, for the message.
 * @returns The key without surrounding whitespace.
 */
export function readApiKey(apiKey: unknown, caller: string): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError(
      `${caller} needs an OpenAI API key: pass options.apiKey (for example process.env.OPENAI_API_KEY) on the server.`,
    );
  }
  const trimmed = apiKey.trim();
  // Header values reject control characters, and the runtime's error for that would quote the key.
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new TypeError(`${caller} got an API key with spaces or non-ASCII characters inside it: check how it is set.`);
  }
  return trimmed;
}
