import { type ChatSessionResource, parseChatSession } from '@chatkit-session/core';
import { optionNames } from '../assertKnownOptions.js';
import { ChatKitApiError } from './ChatKitApiError.js';
import { CHATKIT_BETA_HEADER, OPENAI_API_BASE_URL } from './constants.js';
import { readApiKey } from './readApiKey.js';
import { readChatKitApiError } from './readChatKitApiError.js';

/** A `fetch` the ChatKit calls can use instead of the global one, such as a mock API's. */
export type ChatKitFetch = (url: string, init: RequestInit) => Promise<Response>;

/** How `createChatKitSession` and `cancelChatKitSession` reach OpenAI. */
export interface ChatKitRequestOptions {
  /** Your OpenAI API key. It is sent as a Bearer token and never appears in an error message. */
  readonly apiKey: string;
  /** The API's base URL, up to and including `/v1`. Defaults to `https://api.openai.com/v1`. */
  readonly baseURL?: string | undefined;
  /** The function that sends the request, such as a mock API's `fetch`. Defaults to `globalThis.fetch`. */
  readonly fetch?: ChatKitFetch | undefined;
  /** Aborts the request. Defaults to none. */
  readonly signal?: AbortSignal | undefined;
}

/** The options of `createChatKitSession` and `cancelChatKitSession`. */
export const CHATKIT_REQUEST_OPTIONS = optionNames<ChatKitRequestOptions>({
  apiKey: true,
  baseURL: true,
  fetch: true,
  signal: true,
});

/** A validated session with the headers of the answer that carried it. */
export interface ChatKitAnswer {
  readonly session: ChatSessionResource;
  /** The answer's `x-request-id`, or `null`. */
  readonly requestId: string | null;
  /** The answer's `Date` header: OpenAI's clock, which `expires_at` is measured on. `null` when absent. */
  readonly date: string | null;
}

function joinURL(baseURL: string, path: string): string {
  return `${baseURL.replace(/\/+$/, '')}${path}`;
}

async function readSessionJson(
  response: Response,
  requestId: string | null,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ChatKitApiError(
      {
        status: response.status,
        type: 'invalid_response',
        message: `OpenAI's ChatKit API answered ${response.status} with a body that is not JSON.`,
        requestId,
      },
      { cause: error },
    );
  }
}

/**
 * Sends a POST to the ChatKit API with the key and beta headers, and validates the session it answers with.
 *
 * @param path The path below the base URL, such as `/chatkit/sessions`.
 * @param body The JSON body.
 * @param options The key, base URL, fetch and signal.
 * @param caller The public function sending it, for error messages.
 * @returns The session and the answer's request id.
 * @throws {ChatKitApiError} When OpenAI answers with an error or a body that is not JSON.
 * @throws {ChatSessionValidationError} When the answer is not a valid session.
 */
export async function sendChatKitRequest(
  path: string,
  body: unknown,
  options: ChatKitRequestOptions,
  caller: string,
): Promise<ChatKitAnswer> {
  const apiKey = readApiKey(options.apiKey, caller);
  const send: ChatKitFetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const init: RequestInit = {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${apiKey}`,
      'Content-Type': 'application/json',
      [CHATKIT_BETA_HEADER.name]: CHATKIT_BETA_HEADER.value,
    },
    body: JSON.stringify(body),
  };
  if (options.signal) init.signal = options.signal;
  const response = await send(joinURL(options.baseURL ?? OPENAI_API_BASE_URL, path), init);
  const requestId = response.headers.get('x-request-id');
  if (!response.ok) throw await readChatKitApiError(response, apiKey);
  const session = parseChatSession(await readSessionJson(response, requestId, options.signal));
  return { session, requestId, date: response.headers.get('date') };
}
