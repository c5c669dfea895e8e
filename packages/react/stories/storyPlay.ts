import { waitFor, within } from 'storybook/test';

/** The parts of a story's canvas the play functions read, by `data-testid`. */
export type StoryField =
  | 'status'
  | 'secret'
  | 'session-user'
  | 'seconds-left'
  | 'seconds-until-refresh'
  | 'attempt'
  | 'error'
  | 'upstream-calls'
  | 'endpoint-requests'
  | 'device-clock'
  | 'network';

/**
 * Returns readers of a story's canvas for play functions.
 *
 * @param canvasElement The story's root element.
 * @returns `canvas` (Testing Library queries), `read(field)` and `until(check, timeoutMs)`.
 */
export function storyCanvas(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const read = (field: StoryField) => canvas.getByTestId(field).textContent ?? '';
  const number = (field: StoryField) => Number.parseInt(read(field), 10);
  /** Waits until `check` stops throwing, polling every 100 ms, for at most `timeoutMs` of real time. */
  const until = <T>(check: () => T, timeoutMs = 5_000) => waitFor(check, { timeout: timeoutMs, interval: 100 });
  return { canvas, read, number, until };
}

/**
 * Waits for real time to pass.
 *
 * @param ms How long.
 * @returns A promise that resolves after `ms`.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
