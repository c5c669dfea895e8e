import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, listen } from '../../test/listen.js';
import type { ChatKitEndpointErrorEvent } from '../handler/ChatKitEndpointOptions.js';
import { createChatSessionHandler } from '../index.js';
import { createMockChatKitApi } from '../mock.js';
import { toNodeListener, type WebHandler } from './toNodeListener.js';

const servers: LocalServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Serves a handler that records the requests it gets, and the reports of the adapter. */
async function serve(handler: WebHandler = () => new Response('ok')) {
  const requests: Request[] = [];
  const reports: ChatKitEndpointErrorEvent[] = [];
  const listener = toNodeListener(
    (request) => {
      requests.push(request);
      return handler(request);
    },
    { onError: (event) => reports.push(event) },
  );
  const server = await listen(listener);
  servers.push(server);
  return { server, requests, reports, port: Number(new URL(server.url).port) };
}

/** Writes raw bytes to the server and reads everything it sends until it closes the connection. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.once('error', reject);
    socket.once('end', () => {
      socket.destroy();
      resolve(received);
    });
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
// The JSON of the answer's body, whether it came whole or in one chunk of a chunked body.
const bodyOf = (answer: string) => {
  const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1)) as { error: { code: string } };
};

describe('toNodeListener', () => {
  it('answers 501 to TRACE without calling the handler, and reports it as the client’s error', async () => {
    const { port, requests, reports } = await serve();
    const answer = await exchange(
      port,
      'TRACE /api/chatkit/session HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n',
    );
    expect([statusOf(answer), bodyOf(answer).error.code]).toEqual([501, 'method_not_implemented']);
    expect(requests).toEqual([]);
    expect(reports.map(({ status, code, source }) => [status, code, source])).toEqual([
      [501, 'method_not_implemented', 'client'],
    ]);
  });

  it.each([
    ['a space', 'app example'],
    ['a path', 'evil.example/x'],
    ['user info', 'user@evil.example'],
    ['a port out of range', 'app:99999'],
  ])('answers 400 invalid_host to a Host header with %s, without calling the handler', async (_name, host) => {
    const { port, requests, reports } = await serve();
    const answer = await exchange(
      port,
      `POST /api HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect([statusOf(answer), bodyOf(answer).error.code]).toEqual([400, 'invalid_host']);
    expect(answer).not.toContain(host);
    expect(requests).toEqual([]);
    expect(reports.map(({ status, source }) => [status, source])).toEqual([[400, 'client']]);
  });

  it('keeps the Host header’s host when the path starts with //', async () => {
    const { port, requests } = await serve();
    const answer = await exchange(
      port,
      'GET //evil.example/x?y=1 HTTP/1.1\r\nHost: app.test:8080\r\nConnection: close\r\n\r\n',
    );
    expect(statusOf(answer)).toBe(200);
    expect(requests.map((request) => request.url)).toEqual(['http://app.test:8080//evil.example/x?y=1']);
  });

  it('answers 400 to a request target that is not a path, such as OPTIONS *', async () => {
    const { port, requests } = await serve();
    const answer = await exchange(port, 'OPTIONS * HTTP/1.1\r\nHost: app.test\r\nConnection: close\r\n\r\n');
    expect([statusOf(answer), bodyOf(answer).error.code]).toEqual([400, 'invalid_request_target']);
    expect(requests).toEqual([]);
  });

  it('reports a handler that throws as the server’s error', async () => {
    const crash = new Error('handler bug');
    const { server, reports } = await serve(() => {
      throw crash;
    });
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(500);
    expect(reports.map(({ status, code, source, error }) => [status, code, source, error])).toEqual([
      [500, 'internal_error', 'server', crash],
    ]);
  });

  it.each([
    ['declares a length over the limit', 'Content-Length: 10000000\r\n\r\n{"reason":"'],
    ['streams past the limit', `Transfer-Encoding: chunked\r\n\r\n80\r\n${'x'.repeat(128)}\r\n`],
  ])('closes the connection after a 413 to a body that %s, instead of reading the rest', async (_name, rest) => {
    const mock = createMockChatKitApi();
    const handler = createChatSessionHandler({
      apiKey: 'sk-proj-nodeListenerTEST',
      workflow: { id: 'wf_app' },
      resolveUser: () => 'user_42',
      fetch: mock.fetch,
      maxBodyBytes: 64,
    });
    const { port } = await serve(handler);
    // The body's end is never sent: the answer and the closed connection must come without it.
    const answer = await exchange(port, `POST /api/chatkit/session HTTP/1.1\r\nHost: app.test\r\n${rest}`);
    expect([statusOf(answer), bodyOf(answer).error.code]).toEqual([413, 'body_too_large']);
    expect(answer.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(mock.calls).toEqual([]);
  });
});
