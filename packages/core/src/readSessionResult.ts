import { ChatSessionError, getErrorKindOfStatus } from './ChatSessionError.js';
import type { ChatSessionResource } from './ChatSessionResourceSchema.js';
import { ChatSessionValidationError } from './ChatSessionValidationError.js';
import { parseChatSession } from './parseChatSession.js';

/** The part of a fetch `Response` the controller reads; any object of this shape is read as a response. */
export interface ResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A validated session with what its answer said about the server's clock. */
export interface SessionResult {
  readonly session: ChatSessionResource;
  /** The server's time when it answered (the `Date` header), or `null` when unknown. */
  readonly serverTimeMs: number | null;
  readonly requestId: string | undefined;
}

const MAX_SERVER_MESSAGE_LENGTH = 300;

/**
 * Tells whether a value returned by `fetchSession` is a fetch `Response` (or shaped like one).
 *
 * @param value The value.
 * @returns Whether it has a status, headers and a body to read.
 */
export function isResponseLike(value: unknown): value is ResponseLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ResponseLike>;
  return typeof candidate.status === 'number' && typeof candidate.text === 'function' && !!candidate.headers;
}

function parseRetryAfterMs(header: string | null, serverTimeMs: number | null, localNowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - (serverTimeMs ?? localNowMs));
}

function readServerMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    return typeof message === 'string' ? message.slice(0, MAX_SERVER_MESSAGE_LENGTH) : undefined;
  } catch {
    return undefined;
  }
}

function validate(json: unknown, details: { status?: number; requestId?: string }): ChatSessionResource {
  try {
    return parseChatSession(json);
  } catch (error) {
    const reason = error instanceof ChatSessionValidationError ? error.message : 'it could not be validated';
    throw new ChatSessionError('invalid_response', `fetchSession did not return a ChatKit session. ${reason}`, {
      ...details,
      cause: error,
    });
  }
}

async function readResponse(response: ResponseLike, localNowMs: number): Promise<SessionResult> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const dateHeader = response.headers.get('date');
  const serverDate = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  const serverTimeMs = Number.isNaN(serverDate) ? null : serverDate;
  const details = { status: response.status, ...(requestId ? { requestId } : {}) };
  const text = await response.text();
  if (!response.ok) {
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), serverTimeMs, localNowMs);
    const serverMessage = readServerMessage(text);
    throw new ChatSessionError(
      getErrorKindOfStatus(response.status),
      `The session endpoint answered ${response.status}${serverMessage ? `: ${serverMessage}` : '.'}`,
      { ...details, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new ChatSessionError(
      'invalid_response',
      `The session endpoint answered ${response.status} with a body that is not JSON (${type}).`,
      { ...details, cause: error },
    );
  }
  return { session: validate(json, details), serverTimeMs, requestId };
}

/**
 * Reads what `fetchSession` returned: a `Response` (status, `Date`, `Retry-After`, `x-request-id` and JSON) or the
 * session JSON itself.
 *
 * @param value What `fetchSession` resolved to.
 * @param localNowMs The local wall-clock time, to read a `Retry-After` date when the server sent no `Date`.
 * @returns The validated session and the server's clock.
 * @throws {ChatSessionError} Classified by status, or `invalid_response`, or `inactive_session`.
 */
export async function readSessionResult(value: unknown, localNowMs: number): Promise<SessionResult> {
  const result = isResponseLike(value)
    ? await readResponse(value, localNowMs)
    : { session: validate(value, {}), serverTimeMs: null, requestId: undefined };
  if (result.session.status !== 'active') {
    throw new ChatSessionError(
      'inactive_session',
      `The session endpoint returned a session whose status is "${result.session.status}", not "active".`,
      result.requestId ? { requestId: result.requestId } : {},
    );
  }
  return result;
}
