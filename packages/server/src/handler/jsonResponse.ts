/** The body of an OpenAI-style error answer: `{ "error": { message, type, param, code } }`. */
export interface ErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
  };
}

/** What an error answer says, before it becomes a `Response`. */
export interface ErrorDetails {
  readonly message: string;
  readonly type: string;
  readonly param?: string | null | undefined;
  readonly code?: string | null | undefined;
}

/**
 * Builds a JSON answer that no cache may keep.
 *
 * @param status The HTTP status.
 * @param body The value to serialize.
 * @param headers Extra headers; `undefined` and `null` values are left out.
 * @returns The response.
 */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string | null | undefined>> = {},
): Response {
  const out = new Headers({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) out.set(name, value);
  }
  return new Response(JSON.stringify(body), { status, headers: out });
}

/**
 * Wraps error details in OpenAI's error shape, with `param` and `code` always present.
 *
 * @param details What went wrong.
 * @returns The error body.
 */
export function errorBody(details: ErrorDetails): ErrorBody {
  return {
    error: {
      message: details.message,
      type: details.type,
      param: details.param ?? null,
      code: details.code ?? null,
    },
  };
}

/**
 * Builds an OpenAI-style JSON error answer.
 *
 * @param status The HTTP status.
 * @param details What went wrong.
 * @param headers Extra headers.
 * @returns The response.
 */
export function jsonErrorResponse(
  status: number,
  details: ErrorDetails,
  headers?: Readonly<Record<string, string | null | undefined>>,
): Response {
  return jsonResponse(status, errorBody(details), headers);
}
