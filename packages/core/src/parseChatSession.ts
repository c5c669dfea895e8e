import { type ChatSessionResource, ChatSessionResourceSchema } from './ChatSessionResourceSchema.js';
import { parseWithSchema } from './parseWithSchema.js';

/**
 * Validates a ChatKit session returned by `POST /v1/chatkit/sessions` (or by your backend).
 *
 * Unknown extra fields are dropped, `object` is filled in when absent, and absent nullable fields become `null`.
 *
 * @param value The session, usually straight from `response.json()`.
 * @returns The typed session.
 * @throws {ChatSessionValidationError} Listing every problem with its path, never the secret.
 * @example
 * const session = parseChatSession(await response.json());
 * session.expires_at; // Unix seconds
 */
export function parseChatSession(value: unknown): ChatSessionResource {
  return parseWithSchema(ChatSessionResourceSchema, value, 'ChatKit session');
}
