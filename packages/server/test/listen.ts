import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server on 127.0.0.1 and an ephemeral port. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

/**
 * Serves a Node request listener on 127.0.0.1, port 0.
 *
 * @param listener The listener, such as `toNodeListener(handler)`.
 * @returns The server's URL and a way to close it.
 */
export async function listen(listener: RequestListener): Promise<LocalServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Finds a port nothing listens on, by opening a server and closing it again.
 *
 * @returns A base URL whose connections are refused.
 */
export async function refusedURL(): Promise<string> {
  const server = await listen(() => undefined);
  await server.close();
  return server.url;
}
