import type { ChatSessionErrorSource } from './ChatKitEndpointOptions.js';
import type { ErrorDetails } from './jsonResponse.js';

/** An error answer an endpoint is about to give, with what its report needs. */
export interface HandlerProblem extends ErrorDetails {
  readonly status: number;
  readonly code: string;
  readonly source: ChatSessionErrorSource;
  /** Headers the answer must carry, such as `Allow` or `Retry-After`. */
  readonly headers?: Readonly<Record<string, string | null | undefined>>;
  readonly requestId?: string | null;
  readonly error?: unknown;
}
