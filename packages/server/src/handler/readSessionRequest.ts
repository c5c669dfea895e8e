import type { HandlerProblem } from './HandlerProblem.js';

/** The longest `reason` the browser may send, in characters. */
export const MAX_REASON_LENGTH = 64;

const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);
const SERVER_FIELDS = new Set(['user', 'workflow']);

/** The browser's request body, read and checked: the reason it gives, or the problem to answer with. */
export type SessionRequestReading =
  | { readonly ok: true; readonly reason: string | null }
  | { readonly ok: false; readonly problem: HandlerProblem };

const invalid = (code: string, message: string, param: string | null = null): SessionRequestReading => ({
  ok: false,
  problem: { status: 400, source: 'client', type: 'invalid_request_error', code, param, message },
});

const tooLarge = (maxBytes: number): SessionRequestReading => ({
  ok: false,
  problem: {
    status: 413,
    source: 'client',
    type: 'invalid_request_error',
    code: 'body_too_large',
    message: `The request body is larger than ${maxBytes} bytes: send nothing, or {"reason": "…"}.`,
  },
});

/** Names a field for a message, shortened and quoted so odd characters stay readable. */
function quoteField(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads at most `maxBytes` of the body, or `null` once it grows past them (the rest is left unread). */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Checks a parsed body: an object with at most a short string `reason`. */
function checkBody(value: unknown): SessionRequestReading {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('invalid_body', `The request body must be a JSON object or empty, got ${kindOf(value)}.`);
  }
  const fields = Object.keys(value);
  const forbidden = fields.find((field) => FORBIDDEN_FIELDS.has(field));
  if (forbidden) return invalid('forbidden_field', `The field ${quoteField(forbidden)} is not allowed.`, forbidden);
  const extra = fields.find((field) => field !== 'reason');
  if (extra !== undefined) {
    const why = SERVER_FIELDS.has(extra)
      ? `the server decides ${quoteField(extra)}, never the browser`
      : 'the only field the browser may send is "reason"';
    return invalid('unknown_field', `Unknown field ${quoteField(extra)} in the request body: ${why}.`, extra);
  }
  const { reason } = value as { reason?: unknown };
  if (reason === undefined) return { ok: true, reason: null };
  if (typeof reason !== 'string') {
    return invalid('invalid_type', `The field "reason" must be a string, got ${kindOf(reason)}.`, 'reason');
  }
  if (reason.length > MAX_REASON_LENGTH) {
    const message = `The field "reason" must be at most ${MAX_REASON_LENGTH} characters, got ${reason.length}.`;
    return invalid('string_too_long', message, 'reason');
  }
  return { ok: true, reason };
}

/**
 * Reads the browser's request body: empty, or a JSON object with at most a `reason` string.
 *
 * @param request The browser's request.
 * @param maxBytes The largest body accepted; a larger one is not read past that.
 * @returns The reason given, or the 400/413 problem that names what is wrong.
 */
export async function readSessionRequest(request: Request, maxBytes: number): Promise<SessionRequestReading> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) return tooLarge(maxBytes);
  let bytes: Uint8Array | null;
  try {
    bytes = await readLimited(request, maxBytes);
  } catch {
    return invalid('invalid_body', 'The request body could not be read to its end.');
  }
  if (bytes === null) return tooLarge(maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalid('invalid_encoding', 'The request body is not UTF-8 text: send nothing, or {"reason": "…"} as JSON.');
  }
  if (text.trim() === '') return { ok: true, reason: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('invalid_json', 'The request body is not valid JSON: send nothing, or {"reason": "…"}.');
  }
  return checkBody(value);
}
