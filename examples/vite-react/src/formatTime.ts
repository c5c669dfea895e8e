/**
 * Formats an epoch time as a 24-hour clock time with seconds.
 *
 * @param time Epoch milliseconds.
 * @returns Such as `14:03:27`.
 */
export function formatTime(time: number): string {
  return new Date(time).toLocaleTimeString([], { hour12: false });
}
