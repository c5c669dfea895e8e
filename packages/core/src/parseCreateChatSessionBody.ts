import { type CreateChatSessionBody, CreateChatSessionBodySchema } from './CreateChatSessionBodySchema.js';
import { parseWithSchema } from './parseWithSchema.js';

/**
 * Validates the body of a create-session request against the API's limits before it is sent.
 *
 * Unknown fields are rejected (OpenAI would reject them too); `expires_after.anchor` is filled in;
 * optional fields that are absent stay absent.
 *
 * @param value The body to send.
 * @returns The typed body, ready for `JSON.stringify`.
 * @throws {ChatSessionValidationError} Listing every problem with its path.
 * @example
 * const body = parseCreateChatSessionBody({
 *   workflow: { id: 'wf_123' },
 *   user: 'user_42',
 *   expires_after: { seconds: 300 },
 * });
 * body.expires_after; // { anchor: 'created_at', seconds: 300 }
 */
export function parseCreateChatSessionBody(value: unknown): CreateChatSessionBody {
  return parseWithSchema(CreateChatSessionBodySchema, value, 'create-session body');
}
