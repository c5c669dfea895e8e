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
