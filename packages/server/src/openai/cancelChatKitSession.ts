import type { ChatSessionResource } from '@chatkit-session/core';
import { assertKnownOptions } from '../assertKnownOptions.js';
import { CHATKIT_REQUEST_OPTIONS, type ChatKitRequestOptions, sendChatKitRequest } from './sendChatKitRequest.js';

/**
 * Cancels a ChatKit session (`POST /v1/chatkit/sessions/{id}/cancel`), so its client secret stops working.
 *
 * @param id The session's id, such as `cksess_123`.
 * @param options Your API key, and optionally another base URL, `fetch` or an abort signal.
 * @returns The session as OpenAI now reports it, with `status: 'cancelled'`.
 * @throws {ChatKitApiError} When OpenAI answers with an error, such as a 404 for an unknown session.
 * @throws {ChatSessionValidationError} When the answer is not a valid session.
 * @throws {TypeError} When `id` is empty, `options.apiKey` is missing or an option is unknown (nothing is sent), or
 *   when the network fails.
 * @example
 * const cancelled = await cancelChatKitSession(session.id, { apiKey: process.env.OPENAI_API_KEY ?? '' });
 * cancelled.status; // 'cancelled'
 */
export async function cancelChatKitSession(id: string, options: ChatKitRequestOptions): Promise<ChatSessionResource> {
  assertKnownOptions('cancelChatKitSession', options, CHATKIT_REQUEST_OPTIONS);
  if (typeof id !== 'string' || id.trim() === '') {
    throw new TypeError('cancelChatKitSession needs the id of the session to cancel, such as "cksess_123".');
  }
  const path = `/chatkit/sessions/${encodeURIComponent(id)}/cancel`;
  const { session } = await sendChatKitRequest(path, {}, options, 'cancelChatKitSession');
  return session;
}
