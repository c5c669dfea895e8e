/**
 * Masks a client secret for display: its prefix and last 6 characters, enough to see it change.
 *
 * @param secret The secret, or `null`.
 * @returns Such as `ek_…3f9a1c`, or `–` without a secret.
 */
export function maskSecret(secret: string | null): string {
  if (!secret) return '–';
  return `${secret.slice(0, 3)}…${secret.slice(-6)}`;
}
