import { useSyncExternalStore } from 'react';
import type { RequestLog, RequestLogEntry } from './createRequestLog.js';

/**
 * Returns the page's session requests, newest first, re-rendering when one starts or settles.
 *
 * @param log The log the page's `fetchSession` feeds.
 * @returns The entries.
 */
export function useRequestLog(log: RequestLog): readonly RequestLogEntry[] {
  return useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot);
}
