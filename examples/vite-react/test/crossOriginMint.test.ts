import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChatSessionHandler } from '@chatkit-session/server';
import { createMockChatKitApi } from '@chatkit-session/server/mock';
import { toNodeListener } from '@chatkit-session/server/node';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/findChromium.js';

const API_KEY = 'sk-proj-crossOriginBrowserTEST';
const MINT_PATH = '/api/chatkit/session';

/** One request that reached the mint endpoint, as the app's server saw it. */
interface Arrival {
  readonly site: string | undefined;
  readonly cookie: string | undefined;
  status?: number;
}

const mock = createMockChatKitApi({ apiKey: API_KEY });
const arrivals: Arrival[] = [];
const resolvedUsers: string[] = [];
const closers: (() => Promise<void>)[] = [];
let browser: Browser;
let appPort: string;
let blogPort: string;

// The app signs its user in with the strictest cookie there is: SameSite=Strict still rides along with a request
// from another origin of the same site (a sibling subdomain, or here another port of the same host).
const handler = createChatSessionHandler({
  apiKey: API_KEY,
  workflow: { id: 'wf_app' },
  fetch: mock.fetch,
  resolveUser: (request) => {
    const user = /(?:^|;\s*)sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? null;
    if (user) resolvedUsers.push(user);
    return user;
  },
});
const mint = toNodeListener(handler);

const APP_PAGE = '<!doctype html><title>app</title><p>Signed in.</p>';
// The page a sibling's author controls; the test drives it with page.evaluate, as its own script would.
const BLOG_PAGE = '<!doctype html><title>blog</title><iframe name="sink"></iframe>';

function html(res: ServerResponse, body: string, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'Content-Type': 'text/html', ...headers }).end(body);
}

function appListener(req: IncomingMessage, res: ServerResponse) {
  if (req.url !== MINT_PATH) {
    html(res, APP_PAGE, { 'Set-Cookie': 'sid=victim; Path=/; HttpOnly; SameSite=Strict' });
    return;
  }
  const arrival: Arrival = { site: req.headers['sec-fetch-site'], cookie: req.headers.cookie };
  arrivals.push(arrival);
  res.once('finish', () => {
    arrival.status = res.statusCode;
  });
  mint(req, res);
}

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return String((server.address() as AddressInfo).port);
}

/** Sessions the mock API created: what a forged request would have spent. */
const created = () => mock.calls.filter((call) => call.endpoint === 'create' && call.status === 200).length;

beforeAll(async () => {
  appPort = await serve(appListener);
  blogPort = await serve((_req, res) => html(res, BLOG_PAGE));
  // Sibling subdomains of one site, all on this machine; the rule keeps every other name off the network.
  const resolver = `--host-resolver-rules=MAP *.example.test 127.0.0.1, EXCLUDE 127.0.0.1`;
  browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, resolver] });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(closers.map((close) => close()));
});

describe('the session endpoint in Chromium', () => {
  it.each([
    // 127.0.0.1 is a secure context, so Chromium sends Sec-Fetch-Site: same-site.
    ['another port of the same host', '127.0.0.1', '127.0.0.1', 'same-site'],
    // Plain http on a public name is not: no Sec-Fetch-Site, so the Origin header decides.
    ['a sibling subdomain over plain http', 'app.example.test', 'blog.example.test', undefined],
  ])(
    'refuses the signed-in user’s cookie from %s, and mints for the app’s own page',
    async (_name, appHost, blogHost, site) => {
      const app = `http://${appHost}:${appPort}`;
      const blog = `http://${blogHost}:${blogPort}`;
      arrivals.length = 0;
      resolvedUsers.length = 0;
      const createdBefore = created();
      const context = await browser.newContext();
      const appPage = await context.newPage();
      await appPage.goto(app);
      expect((await context.cookies(app)).map(({ name, sameSite }) => [name, sameSite])).toEqual([['sid', 'Strict']]);

      const blogPage = await context.newPage();
      await blogPage.goto(blog);
      const target = `${app}${MINT_PATH}`;
      // A CORS "simple" request: no preflight, so the server acts on it even though the page cannot read the answer.
      const fetched = await blogPage.evaluate(async (url) => {
        const init: RequestInit = {
          method: 'POST',
          credentials: 'include',
          body: '',
          headers: { 'Content-Type': 'text/plain' },
        };
        return fetch(url, init).then(
          () => 'read',
          () => 'unreadable',
        );
      }, target);
      expect(fetched).toBe('unreadable');
      // A form post, which needs no script on the target's side at all.
      await blogPage.evaluate((url) => {
        const form = Object.assign(document.createElement('form'), { method: 'POST', action: url, target: 'sink' });
        form.enctype = 'text/plain';
        document.body.append(form);
        form.submit();
      }, target);
      await expect.poll(() => arrivals.filter((arrival) => arrival.status !== undefined).length).toBe(2);

      // Both carried the victim's cookie, so only the origin check stood between them and a mint.
      expect(arrivals.map(({ site, cookie, status }) => [site, cookie, status])).toEqual([
        [site, 'sid=victim', 403],
        [site, 'sid=victim', 403],
      ]);
      expect(resolvedUsers).toEqual([]);
      expect(created() - createdBefore).toBe(0);

      const own = await appPage.evaluate(async (path) => {
        const response = await fetch(path, { method: 'POST' });
        return [response.status, ((await response.json()) as { user?: string }).user];
      }, MINT_PATH);
      expect(own).toEqual([200, 'victim']);
      expect(arrivals.at(-1)?.site).toBe(site && 'same-origin');
      expect(resolvedUsers).toEqual(['victim']);
      expect(created() - createdBefore).toBe(1);
      await context.close();
    },
  );
});
