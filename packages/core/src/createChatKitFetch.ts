import type { ChatSessionController } from './ChatSessionController.js';
import { ChatSessionError } from './ChatSessionError.js';

/**
 * What `createChatKitFetch` needs of a controller: any object with a controller's `getClientSecret`, and optionally a
 * `bind()` that returns one bound to the user signed in now (the React provider's actions have it): each request then
 * asks only that user for its secret and its replay, and never goes out with a later user's.
 */
export interface ChatKitFetchController {
  readonly getClientSecret: ChatSessionController['getClientSecret'];
  readonly bind?: (() => Omit<ChatKitFetchController, 'bind'>) | undefined;
  /** Told when the app's server refuses a secret just renewed, and when it accepts one again (`null`). */
  readonly reportRefusal?: ChatSessionController['reportRefusal'] | undefined;
}

/** Options of `createChatKitFetch`. */
export interface ChatKitFetchOptions {
  /** The `fetch` that sends each request, looked up at every call. Defaults to `globalThis.fetch`. */
  readonly fetch?: typeof fetch | undefined;
  /**
   * The app's ChatKit server (ChatKit's `api.url`; relative to the page). Required: only requests to its origin carry
   * the secret; others (an upload to a storage URL, say) go out as they came.
   */
  readonly url: string;
}

const ignore = () => undefined;

// How long a 401 on a secret refused right after its renewal renews nothing: a server that refuses every secret then
// costs a renewal a minute, ten per lifetime of a ChatKit session, half the default budget of the token endpoint.
const REFUSED_HOLD_OFF_MS = 60_000;

// Relative URLs are read against the page; with no page to read them against, `fetch` could not send them either.
const originOf = (url: string | URL) => new URL(url, globalThis.location?.href).origin;

// Duck-typed, not `instanceof Request`: a same-origin iframe's Request is of another realm (a URL has no `url`).
const asRequest = (input: RequestInfo | URL) => (typeof input === 'object' && 'url' in input ? input : null);

// Settles as `promise` does, or rejects with the signal's reason as soon as it aborts; leaves no listener behind (a
// caller may pass one signal to every request).
const unlessAborted = <T>(promise: Promise<T>, signal?: AbortSignal | null): Promise<T> =>
  signal
    ? new Promise<T>((resolve, reject) => {
        const abort = () => reject(signal.reason);
        if (signal.aborted) abort();
        signal.addEventListener('abort', abort);
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
      })
    : promise;

/**
 * Tells whether the body of a request can be sent again.
 *
 * @param request The `fetch` input when it is a Request.
 * @param init The `fetch` init.
 * @returns Whether a replay would send the same body.
 */
function isReplayable(request: Request | null, init: RequestInit | undefined): boolean {
  // As in `fetch`: a body in `init` wins over the body of a `Request`.
  const body = init?.body ?? request?.body ?? null;
  // A stream (which is what the body of a `Request` is) can be read only once.
  return (
    body === null ||
    typeof body === 'string' ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    body instanceof FormData ||
    body instanceof URLSearchParams
  );
}

/**
 * Creates the `fetch` of ChatKit's custom-backend mode (`api: { url, domainKey, fetch }`): it sends each request with
 * `Authorization: Bearer <secret>` from `controller.getClientSecret()`, over any Authorization the caller set. When the
 * app's server answers 401, it renews the refused secret once and sends the request once more, if its body can be sent
 * again (none, a string, `Blob`, `ArrayBuffer` or a view of one, `FormData`, `URLSearchParams`); a request with a
 * stream body gets the 401 (and renews nothing), and so does a replay that is refused too; a secret refused that way
 * (renewed, then refused at once) is not renewed again on a 401 for a minute, so a server that refuses every secret
 * costs a renewal a minute, not one per request. 401s that arrive together all replace the same secret, so they share one renewal.
 * Only requests to `url`'s origin carry the secret. A request whose `signal` aborts while it waits for a secret
 * rejects with the signal's reason at once and sends nothing. When no secret can be had, it rejects with the
 * controller's `ChatSessionError`.
 *
 * @param controller The controller (or anything with its `getClientSecret`) that keeps the secret fresh.
 * @param options The app's ChatKit server (`url`) and the underlying `fetch`.
 * @returns A function with the signature of `fetch`.
 * @example
 * const url = '/api/chatkit';
 * chatkitElement.setOptions({
 *   api: { url, domainKey: 'domain_pk_…', fetch: createChatKitFetch(controller, { url }) },
 * });
 */
export function createChatKitFetch(controller: ChatKitFetchController, options: ChatKitFetchOptions): typeof fetch {
  if (typeof options?.url !== 'string') {
    throw new TypeError(
      'createChatKitFetch: `url` (the app’s ChatKit server) is required; only its origin gets the secret.',
    );
  }
  // A secret the server refused as soon as it replaced a refused one, and when: renewing again at once cannot help (a
  // server whose signing key differs from the token endpoint's, say) and would spend the user's budget with every
  // request; a while later it may (the key rotation has finished).
  let refused: { readonly secret: string; readonly at: number } | null = null;
  return async (input, init) => {
    const underlying = options.fetch ?? globalThis.fetch;
    const request = asRequest(input);
    if (originOf(request?.url ?? (input as string | URL)) !== originOf(options.url)) return underlying(input, init);
    // The user this request belongs to: its secret and its replay's come from them, never from the next one.
    const owner = controller.bind?.() ?? controller;
    const signal = init?.signal ?? request?.signal;
    const send = (secret: string) => {
      // As in `fetch`: headers in `init` replace those of a `Request`.
      const headers = new Headers(init?.headers ?? request?.headers);
      headers.set('Authorization', `Bearer ${secret}`);
      return underlying(input, { ...init, headers });
    };
    const replayable = isReplayable(request, init);
    const secret = await unlessAborted(owner.getClientSecret(), signal);
    const response = await send(secret);
    if (response.ok) owner.reportRefusal?.(null);
    const holdingOff = secret === refused?.secret && Date.now() - refused.at < REFUSED_HOLD_OFF_MS;
    if (response.status !== 401 || !replayable || holdingOff) return response;
    // Frees the connection of the answer nobody will read.
    response.body?.cancel().catch(ignore);
    const renewed = await unlessAborted(owner.getClientSecret(secret), signal);
    const replayed = await send(renewed);
    if (replayed.status === 401) {
      refused = { secret: renewed, at: Date.now() };
      owner.reportRefusal?.(
        new ChatSessionError('refused', 'Your ChatKit server refused a fresh token (401).', {
          status: 401,
          requestId: replayed.headers.get('x-request-id') ?? undefined,
        }),
      );
    } else if (replayed.ok) owner.reportRefusal?.(null);
    return replayed;
  };
}
