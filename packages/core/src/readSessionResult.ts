import type { ChatSessionCredential } from './ChatSessionCredential.js';
import { ChatSessionError, getErrorKindOfStatus } from './ChatSessionError.js';
import type { ChatSessionValidationError } from './ChatSessionValidationError.js';

/** The part of a fetch `Response` the controller reads; any object with `headers` and `text()` is read as one. */
export interface ResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A validated session with what its answer said about the server's clock. */
export interface SessionResult {
  readonly session: ChatSessionCredential;
  /** The server's time when it answered (the `Date` header), or `null` when unknown. */
  readonly serverTimeMs: number | null;
  readonly requestId: string | undefined;
  /** The HTTP status of the answer, when `fetchSession` returned a `Response`. */
  readonly status?: number;
}

const MAX_SERVER_MESSAGE_LENGTH = 300;

/**
 * Tells whether a value returned by `fetchSession` is a fetch `Response` (or shaped like one).
 *
 * @param value The value.
 * @returns Whether it has headers and a body to read.
 */
export function isResponseLike(value: unknown): value is ResponseLike {
  // A session is JSON, so it never has a method.
  const response = value as Partial<ResponseLike> | null;
  return typeof response?.text === 'function' && !!response.headers;
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
    const body = JSON.parse(text);
    // `{ error: { message } }` (OpenAI, our handler), `{ error: "…" }` or `{ message }`.
    const message = body.error?.message ?? body.error ?? body.message;
    return typeof message === 'string' ? message.slice(0, MAX_SERVER_MESSAGE_LENGTH) : undefined;
  } catch {
    return undefined;
  }
}

type ParseSession = ((value: unknown) => ChatSessionCredential) | null;

/** Lists what makes a value unusable as a session, by field name only: a value may be a secret. */
function findSessionProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['it is not a JSON object'];
  const session = value as Record<string, unknown>;
  const expiresAt = session.expires_at as number;
  const secret = session.client_secret ?? session.value;
  const problems = [
    (typeof secret !== 'string' || !secret) && 'client_secret (or value) must be a non-empty string',
    expiresAt === undefined
      ? 'expires_at is missing'
      : !Number.isInteger(expiresAt) || expiresAt < 0
        ? 'expires_at must be Unix seconds: a whole number, not negative'
        : // CHATKIT_SESSION_LIMITS.firstMillisecondExpiresAt and UnixSecondsSchema's message, written out so browsers
          // need not load the tables: as seconds this lies in the year 5138, as milliseconds in 1973.
          expiresAt >= 1e11 && 'expires_at looks like milliseconds: it must be Unix seconds (divide by 1000)',
    session.status !== undefined && typeof session.status !== 'string' && 'status must be a string when present',
  ];
  return problems.filter((problem) => problem !== false);
}

/**
 * Validates a session with `parse` when given, and always checks the fields the controller and ChatKit rely on:
 * the secret (`client_secret`, or `value`), `expires_at` (Unix seconds) and `status`, which must be `active` when present. Every session the controller
 * takes (fetched, announced by another tab, or given as `initialSession`) passes here.
 *
 * @param json The session JSON.
 * @param parse The controller's `parseSession`, or `null`.
 * @param details The status and request id of the answer, for the error.
 * @returns The session.
 * @throws {ChatSessionError} `invalid_response`, naming each problem without echoing a value, or `inactive_session`.
 */
export function validateSession(
  json: unknown,
  parse: ParseSession,
  details: { status?: number; requestId?: string | undefined } = {},
): ChatSessionCredential {
  let problems: string[];
  let session: unknown;
  let thrown = {};
  try {
    session = parse ? parse(json) : json;
    problems = findSessionProblems(session);
  } catch (error) {
    thrown = { cause: error };
    // Only our own validation errors are known never to echo a value. Recognised by name, not `instanceof`, so that
    // the class stays out of bundles that never validate with the schemas.
    const ours = (error as ChatSessionValidationError | null)?.name === 'ChatSessionValidationError';
    problems = [ours ? (error as Error).message : 'parseSession rejected it'];
  }
  if (problems.length) {
    throw new ChatSessionError(
      'invalid_response',
      `fetchSession did not return a ChatKit session: ${problems.join('; ')}.`,
      { ...details, ...thrown },
    );
  }
  const { status } = session as ChatSessionCredential;
  if (status !== undefined && status !== 'active') {
    throw new ChatSessionError(
      'inactive_session',
      `The session endpoint returned a session whose status is "${status}", not "active".`,
      details,
    );
  }
  return session as ChatSessionCredential;
}

async function readResponse(response: ResponseLike, localNowMs: number, parse: ParseSession): Promise<SessionResult> {
  const { status, headers } = response;
  const requestId = headers.get('x-request-id') ?? undefined;
  const serverDate = Date.parse(headers.get('date') ?? '');
  const serverTimeMs = Number.isNaN(serverDate) ? null : serverDate;
  const details = { status, requestId };
  const text = await response.text();
  if (!response.ok) {
    const serverMessage = readServerMessage(text);
    throw new ChatSessionError(
      getErrorKindOfStatus(status),
      `The session endpoint answered ${status}${serverMessage ? `: ${serverMessage}` : '.'}`,
      { ...details, retryAfterMs: parseRetryAfterMs(headers.get('retry-after'), serverTimeMs, localNowMs) },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const type = headers.get('content-type') ?? 'no content type';
    throw new ChatSessionError(
      'invalid_response',
      `The session endpoint answered ${status} with a body that is not JSON (${type}).`,
      { ...details, cause: error },
    );
  }
  return { session: validateSession(json, parse, details), serverTimeMs, requestId, status };
}

/**
 * Reads what `fetchSession` returned: a `Response` (status, `Date`, `Retry-After`, `x-request-id` and JSON) or the
 * session JSON itself.
 *
 * @param value What `fetchSession` resolved to.
 * @param localNowMs The local wall-clock time, to read a `Retry-After` date when the server sent no `Date`.
 * @param parse The controller's `parseSession`, or `null`.
 * @returns The validated session and the server's clock.
 * @throws {ChatSessionError} Classified by status, or `invalid_response`, or `inactive_session`.
 */
export async function readSessionResult(
  value: unknown,
  localNowMs: number,
  parse: ParseSession,
): Promise<SessionResult> {
  return isResponseLike(value)
    ? readResponse(value, localNowMs, parse)
    : { session: validateSession(value, parse), serverTimeMs: null, requestId: undefined };
}
