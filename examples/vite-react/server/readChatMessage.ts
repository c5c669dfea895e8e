import type { ChatMessage } from '../src/demoApi.js';

/** The longest message the stand-in chat server takes, in characters. */
export const MAX_CHAT_MESSAGE_LENGTH = 2000;

/**
 * Reads a message the chat stand-in sends to the demo's ChatKit server.
 *
 * @param value The parsed JSON body of `POST /api/chatkit`.
 * @returns The message (its text trimmed), or `null` when the body is not `{ id, text }` with a short id and a
 *   non-empty text of at most 2,000 characters.
 */
export function readChatMessage(value: unknown): ChatMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (typeof id !== 'string' || !/^[\w-]{1,80}$/.test(id)) return null;
  if (typeof text !== 'string' || text.length > MAX_CHAT_MESSAGE_LENGTH || text.trim() === '') return null;
  return { id, text: text.trim() };
}
