/**
 * Runs one call to a user budget store under a timeout, so a store that hangs (a Redis that went away while its
 * client queues commands) delays a mint by at most `timeoutMs`.
 *
 * @param call The call; it gets a signal that aborts when the timeout passes, so the store can drop the work.
 * @param timeoutMs How long to wait, in milliseconds.
 * @returns What the store answered.
 * @throws {Error} What the store threw, or a `TimeoutError` naming the timeout.
 */
export async function callUserBudgetStore<T>(call: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`The user budget store did not answer within ${timeoutMs} ms.`);
      error.name = 'TimeoutError';
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // Through a promise, so a store that throws at once fails like one that rejects.
    return await Promise.race([Promise.resolve().then(() => call(controller.signal)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
