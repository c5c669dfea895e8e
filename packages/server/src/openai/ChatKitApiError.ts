/** The fields a `ChatKitApiError` is built from. */
export interface ChatKitApiErrorInit {
  /** The HTTP status OpenAI answered with. */
  readonly status: number;
  /** What went wrong, already free of secrets. */
  readonly message: string;
  /** OpenAI's error type, such as `invalid_request_error`. Defaults to `null`. */
  readonly type?: string | null | undefined;
  /** OpenAI's error code, such as `invalid_api_key`. Defaults to `null`. */
  readonly code?: string | null | undefined;
  /** The request field the error is about, such as `workflow.id`. Defaults to `null`. */
  readonly param?: string | null | undefined;
  /** The `x-request-id` header of the answer, for OpenAI support. Defaults to `null`. */
  readonly requestId?: string | null | undefined;
  /** The `Retry-After` header of the answer, as sent. Defaults to `null`. */
  readonly retryAfter?: string | null | undefined;
}

/**
 * The error thrown when OpenAI's ChatKit API answers a request with an error.
 *
 * It carries OpenAI's `{ error: { message, type, param, code } }` fields, the HTTP `status` and the
 * `x-request-id` worth quoting to OpenAI support. Its message never contains the API key, not even the
 * masked echo OpenAI puts in its own 401 message.
 *
 * @example
 * try {
 *   await createChatKitSession(body, { apiKey });
 * } catch (error) {
 *   if (error instanceof ChatKitApiError && error.status === 429) retryLater(error.retryAfter);
 * }
 */
export class ChatKitApiError extends Error {
  override readonly name = 'ChatKitApiError';
  /** The HTTP status OpenAI answered with. */
  readonly status: number;
  /** OpenAI's error type, such as `invalid_request_error`, or `null`. */
  readonly type: string | null;
  /** OpenAI's error code, such as `invalid_api_key`, or `null`. */
  readonly code: string | null;
  /** The request field the error is about, or `null`. */
  readonly param: string | null;
  /** The `x-request-id` header of the answer, or `null`. */
  readonly requestId: string | null;
  /** The `Retry-After` header of the answer as sent (seconds or an HTTP date), or `null`. */
  readonly retryAfter: string | null;

  /**
   * Creates the error.
   *
   * @param init The status, message and OpenAI's error fields.
   * @param options The standard error options, such as `cause`.
   */
  constructor(init: ChatKitApiErrorInit, options?: ErrorOptions) {
    super(init.message, options);
    this.status = init.status;
    this.type = init.type ?? null;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }
}
