import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatKitEndpointErrorEvent,
  type ChatKitEndpointOptions,
  createChatKitTokenHandler,
  createChatSessionHandler,
} from '../src/index.js';
import { createMockChatKitApi } from '../src/mock.js';
import { toNodeListener } from '../src/node.js';
import { type LocalServer, listen } from './listen.js';

const API_KEY = 'sk-proj-crossOriginTESTKEY7';
const SECRET = 'a-token-secret-of-at-least-32-bytes-for-hs256';

/** One endpoint of each kind, served over real HTTP, counting what `resolveUser` saw and what was minted. */
interface Served {
  readonly server: LocalServer;
  readonly users: string[];
  readonly events: ChatKitEndpointErrorEvent[];
  /** Sessions created at the mock API (session handler), or tokens answered (token handler). */
  minted(): number;
}

type Kind = 'session' | 'token';
const servers: LocalServer[] = [];

async function serve(kind: Kind, options: Partial<ChatKitEndpointOptions> = {}): Promise<Served> {
  const users: string[] = [];
  const events: ChatKitEndpointErrorEvent[] = [];
  let tokens = 0;
  const shared = {
    // The app's cookie stands in: a browser sends it along with a forged request too.
    resolveUser: (request: Request) => {
      const user = /(?:^|;\s*)sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? null;
      if (user) users.push(user);
      return user;
    },
    onError: (event: ChatKitEndpointErrorEvent) => events.push(event),
    ...options,
  };
  const mock = createMockChatKitApi({ apiKey: API_KEY });
  const handler =
    kind === 'session'
      ? createChatSessionHandler({ ...shared, apiKey: API_KEY, workflow: { id: 'wf_app' }, fetch: mock.fetch })
      : createChatKitTokenHandler({ ...shared, secret: SECRET });
  const counted = async (request: Request) => {
    const response = await handler(request);
    if (response.ok) tokens += 1;
    return response;
  };
  const server = await listen(toNodeListener(counted));
  servers.push(server);
  const minted = () => (kind === 'session' ? mock.calls.filter((call) => call.status === 200).length : tokens);
  return { server, users, events, minted };
}

async function post(served: Served, headers: Record<string, string>, body?: string) {
  const response = await fetch(`${served.server.url}/api/chatkit/mint`, {
    method: 'POST',
    headers: { Cookie: 'sid=victim', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text };
}

const codeOf = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;

let session: Served;
let token: Served;

beforeAll(async () => {
  session = await serve('session');
  token = await serve('token');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe.each(['session', 'token'] as const)('the %s endpoint with no configuration', (kind) => {
  const served = () => (kind === 'session' ? session : token);

  it.each([
    ['a sibling subdomain (Sec-Fetch-Site: same-site)', { 'Sec-Fetch-Site': 'same-site' }],
    ['another site (Sec-Fetch-Site: cross-site)', { 'Sec-Fetch-Site': 'cross-site' }],
    ['an unknown Sec-Fetch-Site value', { 'Sec-Fetch-Site': 'same-planet' }],
    ['an older browser on another origin (Origin only)', { Origin: 'https://blog.example.com' }],
    ['a sandboxed frame or a file (Origin: null)', { Origin: 'null' }],
    ['an Origin that is not a URL', { Origin: 'not a url' }],
    ['a same-site page that sends its own Origin too', { 'Sec-Fetch-Site': 'same-site', Origin: 'http://127.0.0.1' }],
  ])('answers 403 origin_not_allowed before resolveUser, minting nothing, to %s', async (_name, headers) => {
    const { users, events, minted } = served();
    const [usersBefore, mintedBefore, eventsBefore] = [users.length, minted(), events.length];
    // A form post: text/plain, which needs no CORS preflight.
    const answer = await post(served(), { ...headers, 'Content-Type': 'text/plain' }, '');
    expect([answer.status, answer.type, codeOf(answer.text)]).toEqual([403, 'application/json', 'origin_not_allowed']);
    expect(JSON.parse(answer.text).error.type).toBe('permission_error');
    expect(users.length - usersBefore).toBe(0);
    expect(minted() - mintedBefore).toBe(0);
    expect(events.slice(eventsBefore).map(({ status, code, source }) => [status, code, source])).toEqual([
      [403, 'origin_not_allowed', 'client'],
    ]);
  });

  it.each([
    ['its own page (Sec-Fetch-Site: same-origin)', { 'Sec-Fetch-Site': 'same-origin' }],
    ['a typed-in URL or bookmark (Sec-Fetch-Site: none)', { 'Sec-Fetch-Site': 'none' }],
    ['its own page in an older browser (Origin matches Host)', {}],
    ['a server or curl (neither header)', {}],
  ])('mints for %s', async (name, headers) => {
    const { users, minted, server } = served();
    const [usersBefore, mintedBefore] = [users.length, minted()];
    const own = name.includes('Origin matches') ? { Origin: server.url } : {};
    const answer = await post(served(), { ...headers, ...own });
    expect(answer.status).toBe(200);
    expect(users.slice(usersBefore)).toEqual(['victim']);
    expect(minted() - mintedBefore).toBe(1);
  });
});

describe.each(['session', 'token'] as const)('the %s endpoint with allowedOrigins', (kind) => {
  it('mints for a listed origin, even cross-site, and still refuses an unlisted one', async () => {
    const served = await serve(kind, { allowedOrigins: ['https://chat.example.com'] });
    const listed = await post(served, { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://chat.example.com' });
    const oldBrowser = await post(served, { Origin: 'https://chat.example.com' });
    const unlisted = await post(served, { 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.example.com' });
    const own = await post(served, { 'Sec-Fetch-Site': 'same-origin' });
    expect([listed.status, oldBrowser.status, unlisted.status, own.status]).toEqual([200, 200, 403, 200]);
    expect(served.minted()).toBe(3);
    expect(served.users).toEqual(['victim', 'victim', 'victim']);
  });

  it("turns the check off with allowedOrigins: '*'", async () => {
    const served = await serve(kind, { allowedOrigins: '*' });
    const sibling = await post(served, { 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.example.com' });
    const foreign = await post(served, { Origin: 'https://evil.example' });
    expect([sibling.status, foreign.status]).toEqual([200, 200]);
    expect(served.minted()).toBe(2);
  });
});
