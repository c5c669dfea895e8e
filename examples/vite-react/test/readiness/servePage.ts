import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { DEMO_ROOT } from '../startDemo.js';

/** How a readiness test's page loads ChatKit. */
export interface ReadinessPageOptions {
  /** The stand-in's `behaviour` (see public/chatkit-stand-in.js). Defaults to `healthy`. */
  readonly behaviour?: string;
  /**
   * `ok`, `404` (the script URL answers 404), `flaky` (404 the first time, then the script), `unreachable` (its host
   * refuses the connection, as a firewall or an ad blocker would), `no-cors` (the script, from a CDN that sends no CORS
   * header) or `none` (no script tag at all). Defaults to `ok`.
   */
  readonly script?: 'ok' | '404' | 'flaky' | 'unreachable' | 'no-cors' | 'none';
  /** Serves the page with `Content-Security-Policy: script-src 'self'`, which refuses the stand-in's origin. */
  readonly csp?: boolean;
  /** Makes the session endpoint answer 500. */
  readonly failSession?: boolean;
  /** `hosted` (getClientSecret) or `custom` (the custom-backend fetch). Defaults to `hosted`. */
  readonly mode?: 'hosted' | 'custom';
}

/** The two local origins of the readiness tests: the app's, and a "CDN" that serves the ChatKit stand-in. */
export interface ReadinessServers {
  /** The URL of the app's page for these options. */
  pageUrl(options?: ReadinessPageOptions): string;
  close(): Promise<void>;
}

const PUBLIC = join(DEMO_ROOT, 'public');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Bundles the readiness page (the workspace packages from source) and serves it on 127.0.0.1, with the ChatKit
 * stand-in on a second origin, as the real script comes from OpenAI's CDN.
 *
 * @returns The running servers.
 */
export async function serveReadinessPages(): Promise<ReadinessServers> {
  const bundle = await build({
    entryPoints: [join(DEMO_ROOT, 'test', 'readiness', 'readinessHarness.tsx')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    conditions: ['@chatkit-session/source'],
    define: { 'process.env.NODE_ENV': '"development"' },
    write: false,
    logLevel: 'warning',
  });
  const app = bundle.outputFiles[0]?.contents ?? new Uint8Array();
  let sessions = 0;
  let flakyAnswers = 0;

  const cdn = createServer((request, response) => {
    let { pathname } = new URL(request.url ?? '/', 'http://cdn');
    // The flaky script fails until the page loads it a second time (the page's status probes do not count).
    if (pathname === '/flaky/chatkit.js') {
      if (request.headers['sec-fetch-dest'] === 'script') flakyAnswers += 1;
      if (flakyAnswers > 1) pathname = '/chatkit.js';
    }
    // As OpenAI's CDN does, so a page can read the status of a failed script; a CDN that does not sends nothing.
    const noCors = pathname.startsWith('/no-cors/');
    if (noCors) pathname = pathname.slice('/no-cors'.length);
    else response.setHeader('access-control-allow-origin', '*');
    const file = {
      '/chatkit.js': 'chatkit-stand-in.js',
      '/chatkit-stand-in-frame.html': 'chatkit-stand-in-frame.html',
    }[pathname];
    if (!file) return void response.writeHead(404).end('Not found');
    const type = file.endsWith('.js') ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(join(PUBLIC, file)));
  });
  const cdnOrigin = await listen(cdn);

  const site = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://site');
    if (url.pathname === '/app.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
    if (url.pathname === '/api/session') {
      sessions += 1;
      if (url.searchParams.has('fail')) {
        return void response
          .writeHead(500, { 'content-type': 'application/json', 'x-request-id': 'req_readiness_500' })
          .end('{"error":"boom"}');
      }
      const body = { client_secret: `ek_test_${sessions}`, expires_at: Math.floor(Date.now() / 1000) + 600 };
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    if (url.pathname === '/api/chatkit') {
      return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
    }
    if (url.pathname !== '/') return void response.writeHead(404).end('Not found');
    const behaviour = url.searchParams.get('behaviour') ?? 'healthy';
    const script = url.searchParams.get('script') ?? 'ok';
    const folder = { '404': 'missing/', flaky: 'flaky/', 'no-cors': 'no-cors/' }[script] ?? '';
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const origin = script === 'unreachable' ? 'http://127.0.0.1:1' : cdnOrigin;
    const src = `${origin}/${folder}chatkit.js?behaviour=${behaviour}`;
    const headers: Record<string, string> = { 'content-type': 'text/html' };
    if (url.searchParams.has('csp')) headers['content-security-policy'] = "script-src 'self'";
    response.writeHead(200, headers).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Readiness</title>
${script === 'none' ? '' : `<script async src="${src}"></script>`}
<script type="module" src="/app.js"></script></head>
<body><div id="root"></div></body></html>`);
  });
  const siteOrigin = await listen(site);

  return {
    pageUrl({ behaviour = 'healthy', script = 'ok', csp = false, failSession = false, mode = 'hosted' } = {}) {
      const query = new URLSearchParams({ behaviour, script, mode });
      if (csp) query.set('csp', '1');
      if (failSession) query.set('session', 'fail');
      return `${siteOrigin}/?${query}`;
    },
    async close() {
      await Promise.all([site, cdn].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
