/**
 * Tells whether the development-only control routes answer: under `next dev`, or when
 * `CHATKIT_EXAMPLE_DEV_CONTROLS=1` (the browser test sets it for `next start`). Never enable them in production.
 *
 * @param env The server's environment.
 * @returns Whether they are on.
 */
export function areDevControlsEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.NODE_ENV === 'development' || env.CHATKIT_EXAMPLE_DEV_CONTROLS === '1';
}
