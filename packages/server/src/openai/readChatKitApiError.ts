import { ChatKitApiError } from './ChatKitApiError.js';
import { redactSecrets } from './redactSecrets.js';

// What a shut-down workflow answers is not documented (a 404 "Workflow … not found", a 410 …): both say so.
const WORKFLOW_SHUT_DOWN_HINT =
  'Agent Builder workflows were shut down on 2026-11-30: if this one was built there, move to custom-backend mode ' +
  '(createChatKitTokenHandler on the server, useChatKitCustomApi({ url, domainKey }) in the browser).';

const WORKFLOW_NOT_FOUND_HINT =
  'Otherwise check the workflow id (it starts with wf_ and the workflow is published), and that the API key ' +
  'belongs to the same OpenAI project as the workflow: a key of another project gets this 404.';

const HINTS: Readonly<Record<number, string>> = {
  401: 'Check the OpenAI API key the server sends: it must be a valid, unrevoked secret key.',
  403: "Check that the API key's project may use ChatKit and the workflow.",
};

/**
 * Tells whether an error answer says that a workflow does not exist (any more): a 404 or 410 that names one.
 *
 * @param status The HTTP status.
 * @param message OpenAI's message.
 * @returns Whether the workflow is missing or gone.
 */
export function isAboutMissingWorkflow(status: number, message: string): boolean {
  return (status === 404 || status === 410) && /workflow/i.test(message);
}

/** Reads a string field of an unknown object, or `null`. */
function stringField(value: unknown, field: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : null;
}

/** Adds what to check to OpenAI's message when the status alone tells what is usually wrong. */
function withHint(status: number, message: string): string {
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  if (isAboutMissingWorkflow(status, message)) {
    return status === 404
      ? `${sentence} ${WORKFLOW_SHUT_DOWN_HINT} ${WORKFLOW_NOT_FOUND_HINT}`
      : `${sentence} ${WORKFLOW_SHUT_DOWN_HINT}`;
  }
  const hint = HINTS[status];
  return hint ? `${sentence} ${hint}` : sentence;
}

async function readErrorField(response: Response): Promise<unknown> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns an error answer of OpenAI's API into a `ChatKitApiError`, hinted and free of secrets.
 *
 * @param response The answer, whose status is not 2xx.
 * @param apiKey The key that was sent, removed from the message wherever it appears.
 * @returns The error to throw.
 */
export async function readChatKitApiError(response: Response, apiKey: string): Promise<ChatKitApiError> {
  const error = await readErrorField(response);
  const upstreamMessage =
    stringField(error, 'message') ??
    `OpenAI's ChatKit API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new ChatKitApiError({
    status: response.status,
    message: redactSecrets(withHint(response.status, upstreamMessage), apiKey),
    type: stringField(error, 'type'),
    code: stringField(error, 'code'),
    param: stringField(error, 'param'),
    requestId: response.headers.get('x-request-id'),
    retryAfter: response.headers.get('retry-after'),
  });
}
