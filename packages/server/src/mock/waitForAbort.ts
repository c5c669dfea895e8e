/**
 * Waits until `signal` aborts, then rejects with its reason; without an abort it never settles.
 *
 * @param signal The signal to wait for.
 * @returns A promise that only ever rejects.
 */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
