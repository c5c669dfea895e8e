/**
 * Waits for `ms` milliseconds through the global `setTimeout` (so fake timers drive it), or until `signal` aborts.
 *
 * @param ms How long to wait; `0` or less does not wait at all.
 * @param signal Cuts the wait short, rejecting with its reason.
 * @returns A promise that resolves after the wait.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
