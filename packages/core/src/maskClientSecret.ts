// Below this length, even four characters give away too much of a secret.
const MIN_LENGTH_TO_SHOW_TAIL = 16;

/**
 * Returns a client secret with all but its prefix and (for long secrets) its last four characters hidden, so a screen
 * or a screenshot can tell two secrets apart without leaking either.
 *
 * @param secret The secret, or `null`.
 * @returns For example `ek_…x9Qa`; `–` without a secret.
 * @example
 * maskClientSecret('ek_68f2c1d0a9b34e7f8a1b2c3d4e5fx9Qa'); // 'ek_…x9Qa'
 */
export function maskClientSecret(secret: string | null): string {
  if (secret === null) return '–';
  const prefix = /^[a-z]{1,6}_/i.exec(secret)?.[0] ?? '';
  const tail = secret.length >= MIN_LENGTH_TO_SHOW_TAIL ? secret.slice(-4) : '';
  return `${prefix}…${tail}`;
}
