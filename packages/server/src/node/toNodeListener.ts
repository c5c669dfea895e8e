/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatKitEndpointErrorEvent } from '../handler/ChatKitEndpointOptions.js';
import { errorBody } from '../handler/jsonResponse.js';

/** A Node `http` request listener, which Express also accepts as middleware. */
export type NodeListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** A web-standard handler, such as the one `createChatSessionHandler` returns. */
export type WebHandler = (request: Request) => Response | Promise<Response>;

/** How `toNodeListener` reports what it answers itself. */
export interface NodeListenerOptions {
  /**
   * Called for every error the adapter answers without the handler: a request a web `Request` cannot carry (400,
   * 501, as the client's error) or a handler that threw (500, as the server's, unless it went to Express's `next`).
   * Defaults to one `console.error` line for the server's errors (not for the client's).
   */
  readonly onError?: ((event: ChatKitEndpointErrorEvent) => void) | undefined;
}

/** An error the adapter answers itself. */
type AdapterProblem = Pick<ChatKitEndpointErrorEvent, 'status' | 'code' | 'message' | 'source' | 'error'>;

// Methods the Fetch standard forbids in a `Request`: no web handler can be asked them, for any resource.
const UNREPRESENTABLE_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

const clientProblem = (status: number, code: string, message: string): AdapterProblem => ({
  status,
  code,
  message,
  source: 'client',
});

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    // HTTP/2 pseudo-headers (":path") are not headers to a web handler.
    if (name.startsWith(':')) continue;
    try {
      headers.append(name, raw[i + 1] ?? '');
    } catch {
      // Node let through a value the Headers class refuses; the handler is better off without it.
    }
  }
  return headers;
}

/** Streams the request body, pausing Node's stream while the handler is not reading. */
function toBodyStream(request: IncomingMessage): ReadableStream<Uint8Array> {
  let dropped = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      request.on('data', (chunk: Uint8Array) => {
        if (dropped) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) request.pause();
      });
      request.once('end', () => dropped || controller.close());
      request.once('error', (error: Error) => dropped || controller.error(error));
    },
    pull() {
      request.resume();
    },
    cancel() {
      // The handler has read enough (a 413); the answer closes the connection instead of reading the rest.
      dropped = true;
      request.pause();
    },
  });
}

/** What a body parser that ran first (such as `express.json()`) left, serialized back. */
function parsedBody(request: IncomingMessage): BodyInit | undefined {
  const body: unknown = (request as IncomingMessage & { body?: unknown }).body;
  if (body === undefined || typeof body === 'string') return body;
  return body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
}

/** The `Host` header, or `null` when it is not a bare host and port (a path, user info, a space, a bad port). */
function readHost(request: IncomingMessage): string | null {
  // HTTP/1.0 may leave it out; Node refuses an HTTP/1.1 request without one.
  const host = request.headers.host ?? 'localhost';
  if (host === '' || /[\s/?#@\\]/.test(host)) return null;
  try {
    new URL(`http://${host}`);
    return host;
  } catch {
    return null;
  }
}

function toRequest(request: IncomingMessage, signal: AbortSignal): Request | AdapterProblem {
  const method = request.method ?? 'GET';
  if (UNREPRESENTABLE_METHODS.has(method.toUpperCase())) {
    return clientProblem(501, 'method_not_implemented', `This server does not answer ${method}.`);
  }
  const host = readHost(request);
  if (host === null) return clientProblem(400, 'invalid_host', 'The Host header is not a host name and port.');
  const path = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '/';
  // Only a path: `//evil.example/x` resolved against a base would become a URL on another host.
  if (!path.startsWith('/')) {
    return clientProblem(400, 'invalid_request_target', 'The request target must be a path starting with /.');
  }
  const secure = 'encrypted' in request.socket && request.socket.encrypted === true;
  const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(request), signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = parsedBody(request) ?? toBodyStream(request);
    init.duplex = 'half';
  }
  return new Request(`${secure ? 'https' : 'http'}://${host}${path}`, init);
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  // The handler answered before the body's end (a 413): close the connection rather than read a body nobody wants.
  // HTTP/2 has no Connection header; its stream ends with the answer.
  if (!req.complete && req.httpVersionMajor === 1) res.setHeader('Connection', 'close');
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (res.destroyed) {
      await reader.cancel();
      return;
    }
    if (!res.write(chunk.value)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  res.end();
}

function answerProblem(res: ServerResponse, problem: AdapterProblem): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  res.statusCode = problem.status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  const type = problem.source === 'client' ? 'invalid_request_error' : 'server_error';
  res.end(JSON.stringify(errorBody({ message: problem.message, type, code: problem.code })));
}

function logError(event: ChatKitEndpointErrorEvent): void {
  if (event.source !== 'client') console.error(`[chatkit-session] ${event.status} ${event.code}: ${event.message}`);
}

function report(onError: NonNullable<NodeListenerOptions['onError']>, problem: AdapterProblem): void {
  try {
    onError({ ...problem, requestId: null, reason: null });
  } catch {
    // A broken logger must not turn a clear answer into a crash.
  }
}

/**
 * Serves a web-standard handler from Node's `http` server, or as Express middleware.
 *
 * The request body streams through (so `maxBodyBytes` stops a large one early, and the connection closes rather
 * than read the rest), the handler's signal aborts when the client goes away, and the response streams back. The
 * request's URL is the `Host` header's host and the request's path. A request a web `Request` cannot carry gets a
 * 4xx without the handler: 501 to `TRACE`, `TRACK` or `CONNECT`, 400 to a `Host` that is not a host and port or a
 * target that is not a path. A handler that throws gets a 500, or goes to `next`.
 *
 * @param handler The handler, such as `createChatSessionHandler(options)`.
 * @param options How the adapter reports what it answers itself.
 * @returns The listener: `(req, res, next?) => void`.
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(createChatSessionHandler(options))).listen(3000);
 * // Express: app.post('/api/chatkit/session', toNodeListener(handler));
 */
export function toNodeListener(handler: WebHandler, options: NodeListenerOptions = {}): NodeListener {
  const onError = options.onError ?? logError;
  return (req, res, next) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const request = toRequest(req, controller.signal);
    if (!(request instanceof Request)) {
      report(onError, request);
      answerProblem(res, request);
      return;
    }
    Promise.resolve()
      .then(() => handler(request))
      .then((response) => writeResponse(response, req, res))
      .catch((error: unknown) => {
        if (next && !res.headersSent) {
          next(error);
          return;
        }
        const crash: AdapterProblem = { status: 500, code: 'internal_error', message: '', source: 'server', error };
        report(onError, { ...crash, message: 'The handler threw.' });
        answerProblem(res, { ...crash, message: 'Internal server error.' });
      });
  };
}
