/**
 * Masks a client secret for display: only its last six characters stay visible, enough to tell two apart.
 *
 * @param secret The secret, or `null`.
 * @returns `ek_…1a2b3c`, or `–` without a secret.
 */
export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return '–';
  const prefix = secret.startsWith('ek_') ? 'ek_' : '';
  return `${prefix}…${secret.slice(-6)}`;
}
