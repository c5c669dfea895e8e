/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Node `http` request listener, which Express also accepts as middleware. */
export type NodeListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** A web-standard handler, such as the one `createChatSessionHandler` returns. */
export type WebHandler = (request: Request) => Response | Promise<Response>;

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
      // The handler has read enough (a 413): drain the rest so the answer can still go out on this socket.
      dropped = true;
      request.resume();
    },
  });
}

/** What a body parser that ran first (such as `express.json()`) left, serialized back. */
function parsedBody(request: IncomingMessage): BodyInit | undefined {
  const body: unknown = (request as IncomingMessage & { body?: unknown }).body;
  if (body === undefined || typeof body === 'string') return body;
  return body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
}

function toRequest(request: IncomingMessage, signal: AbortSignal): Request {
  const secure = 'encrypted' in request.socket && request.socket.encrypted === true;
  const host = request.headers.host ?? 'localhost';
  const path = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '/';
  const method = request.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(request), signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = parsedBody(request) ?? toBodyStream(request);
    init.duplex = 'half';
  }
  return new Request(new URL(path, `${secure ? 'https' : 'http'}://${host}`), init);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
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

function answerCrash(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('Content-Type', 'application/json');
  res.end(
    JSON.stringify({ error: { message: 'Internal server error.', type: 'server_error', param: null, code: null } }),
  );
}

/**
 * Serves a web-standard handler from Node's `http` server, or as Express middleware.
 *
 * The request body streams through (so `maxBodyBytes` stops a large one early), the handler's signal aborts when
 * the client goes away, and the response streams back. A handler that throws gets a 500, or goes to `next`.
 *
 * @param handler The handler, such as `createChatSessionHandler(options)`.
 * @returns The listener: `(req, res, next?) => void`.
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(createChatSessionHandler(options))).listen(3000);
 * // Express: app.post('/api/chatkit/session', toNodeListener(handler));
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  return (req, res, next) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    Promise.resolve()
      .then(() => handler(toRequest(req, controller.signal)))
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => (next && !res.headersSent ? next(error) : answerCrash(res)));
  };
}
