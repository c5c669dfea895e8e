import type { ChatSessionEvent } from '../ChatSessionEvent.js';
import type { ChatSessionTelemetry } from '../ChatSessionTransition.js';

/**
 * Turns a controller's transitions into `ChatSessionEvent`s for `listener`, for the `telemetry` option of
 * `createChatSessionController` and `ChatSessionProvider`: every `request` ends in exactly one `renewal` or `failure`,
 * so a request maps onto one span. Only apps that import it ship it.
 *
 * @param listener Called with each event; one that throws changes nothing in the controller.
 * @returns The telemetry observer.
 * @example
 * import { createChatSessionController, reportEvents } from '@chatkit-session/core';
 * const controller = createChatSessionController({
 *   fetchSession: ({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal }),
 *   telemetry: reportEvents((event) => console.info(event.type, event.reason, event.durationMs)),
 * });
 */
export function reportEvents(listener: (event: ChatSessionEvent) => void): ChatSessionTelemetry {
  if (typeof listener !== 'function') throw new TypeError('reportEvents: `listener` must be a function.');
  return ({ type, sessionKey, now, request, attempt, remainingMs = null, error = null, ...fields }) => {
    const ofRequest = type === 'request' || type === 'renewal' || type === 'failure';
    listener({
      type,
      sessionKey,
      at: now.wall,
      reason: ofRequest ? (request?.reason ?? null) : null,
      attempt: ofRequest ? attempt + 1 : null,
      durationMs: request && ofRequest && type !== 'request' ? Math.round(now.mono - request.at.mono) : null,
      status: fields.status ?? error?.status ?? null,
      requestId: fields.requestId ?? error?.requestId ?? null,
      error,
      // Whole milliseconds: the clocks read fractions, span attributes and logs want integers.
      remainingMs: remainingMs === null ? null : Math.round(remainingMs),
    });
  };
}
