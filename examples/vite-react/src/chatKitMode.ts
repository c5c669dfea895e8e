/**
 * The two ways ChatKit gets its credential: `hosted` (a ChatKit session of a workflow OpenAI serves, from the session
 * endpoint) and `custom` (custom-backend mode: ChatKit talks to the app's own ChatKit server with a token the app
 * mints).
 */
export type ChatKitMode = 'hosted' | 'custom';

const MODE_PARAMETER = 'mode';

/** The mode this page shows: `?mode=custom` for custom-backend mode, hosted without it. */
export const chatKitMode: ChatKitMode =
  new URLSearchParams(window.location.search).get(MODE_PARAMETER) === 'custom' ? 'custom' : 'hosted';

/**
 * Returns this page's address in a mode, keeping its other parameters (such as `?share`).
 *
 * @param mode The mode to show.
 * @returns A path and query, such as `/?share&mode=custom`.
 */
export function hrefForChatKitMode(mode: ChatKitMode): string {
  const parameters = [...new URLSearchParams(window.location.search)].filter(([name]) => name !== MODE_PARAMETER);
  if (mode === 'custom') parameters.push([MODE_PARAMETER, 'custom']);
  // `share` stays a bare flag rather than becoming `share=`.
  const query = parameters.map(([name, value]) =>
    value === '' ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
  return `${window.location.pathname}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
