/** A route of the demo's `/api/*` middleware: a web-standard handler. */
export type DemoRoute = (request: Request) => Response | Promise<Response>;

/**
 * Creates a JSON answer that no cache keeps.
 *
 * @param status The HTTP status.
 * @param body What to serialize.
 * @param headers More headers.
 * @returns The answer.
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

/**
 * Creates a JSON error in the shape of OpenAI's (and the session endpoint's) errors.
 *
 * @param status The HTTP status.
 * @param message What went wrong, for the person reading it.
 * @param extra More fields of `error` (such as a `code`) and more headers.
 * @returns The answer.
 */
export function problemResponse(
  status: number,
  message: string,
  extra: { readonly code?: string; readonly headers?: Record<string, string> } = {},
): Response {
  const code = extra.code === undefined ? {} : { code: extra.code };
  return jsonResponse(status, { error: { message, type: 'invalid_request_error', ...code } }, extra.headers);
}
