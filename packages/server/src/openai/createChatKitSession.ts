import {
  type ChatSessionResource,
  type CreateChatSessionBodyInput,
  parseCreateChatSessionBody,
} from '@chatkit-session/core';
import { assertKnownOptions } from '../assertKnownOptions.js';
import { CHATKIT_REQUEST_OPTIONS, type ChatKitRequestOptions, sendChatKitRequest } from './sendChatKitRequest.js';

/**
 * Creates a ChatKit session with OpenAI's API (`POST /v1/chatkit/sessions`).
 *
 * The body is validated against the API's limits before anything is sent, and the answer is validated before it
 * is returned. Call it from your backend only: it needs your API key.
 *
 * @param body The workflow, the user and the optional overrides of the session.
 * @param options Your API key, and optionally another base URL, `fetch` or an abort signal.
 * @returns The new session, with its `client_secret` and `expires_at` (Unix seconds).
 * @throws {ChatSessionValidationError} When the body breaks the API's rules (nothing is sent) or the answer is not
 *   a valid session.
 * @throws {ChatKitApiError} When OpenAI answers with an error; a 404 "Workflow … not found" says what to check.
 * @throws {TypeError} When `options.apiKey` is missing or an option is unknown (nothing is sent), or when the
 *   network fails.
 * @example
 * const session = await createChatKitSession(
 *   { workflow: { id: 'wf_123' }, user: 'user_42' },
 *   { apiKey: process.env.OPENAI_API_KEY ?? '' },
 * );
 * session.client_secret; // hand this to the browser
 */
export async function createChatKitSession(
  body: CreateChatSessionBodyInput,
  options: ChatKitRequestOptions,
): Promise<ChatSessionResource> {
  assertKnownOptions('createChatKitSession', options, CHATKIT_REQUEST_OPTIONS);
  const parsed = parseCreateChatSessionBody(body);
  const { session } = await sendChatKitRequest('/chatkit/sessions', parsed, options, 'createChatKitSession');
  return session;
}
