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
