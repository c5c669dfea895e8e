import { HttpResponse, http } from 'msw';
import { mintedFor, STORY_BACKEND_HEADER, type StoryBackend } from './createStoryBackend.js';

/** Where the stories' ChatKit in custom-backend mode sends its requests: the app's own ChatKit server. */
export const CHATKIT_ENDPOINT = '/api/chatkit';

/** One request the app's ChatKit server received, as it saw it. */
export interface StoryChatKitRequest {
  readonly number: number;
  /** What ChatKit asked for (`threads.get`, `messages.send`). */
  readonly op: string;
  /** Whose thread the request is about: the user whose ChatKit made it. */
  readonly madeFor: string;
  /** Whom the Bearer token was minted for, by the story's session backend (`null`: a token it never minted). */
  readonly tokenOf: string | null;
  readonly token: string | null;
  /** 200, or 401 when the server refused the token. */
  readonly status: number;
}

/** What the panels show of the ChatKit server; a new object after every change. */
export interface StoryChatKitServerSnapshot {
  readonly requests: readonly StoryChatKitRequest[];
  /** How many of the next requests it refuses with 401, as when the signed-in user's secret was revoked. */
  readonly refusing: number;
}

/** A stand-in for the app's ChatKit server (custom-backend mode): it logs whose token each request carries. */
export interface StoryChatKitServer {
  /** Refuses the next request with 401. */
  refuseNext(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): StoryChatKitServerSnapshot;
}

const servers = new Map<string, (request: Request) => Promise<Response>>();
const MAX_SERVERS = 200;

/**
 * Creates the ChatKit server of a story, beside its session backend: it answers every request at once, reads the
 * Bearer token and names the user the backend minted it for (from the backend's request log), and refuses a request
 * with 401 when told to. MSW routes the story's requests to it by its backend's id (see `chatKitServerHandler`).
 *
 * @param backend The story's session backend.
 * @returns The server.
 */
export function createStoryChatKitServer(backend: StoryBackend): StoryChatKitServer {
  const listeners = new Set<() => void>();
  let snapshot: StoryChatKitServerSnapshot = { requests: [], refusing: 0 };
  const update = (next: Partial<StoryChatKitServerSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of [...listeners]) listener();
  };
  servers.set(backend.id, async (request) => {
    const token = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1] ?? null;
    const body = (await request.json().catch(() => ({}))) as { op?: string; threadOf?: string };
    const tokenOf = mintedFor(backend.getSnapshot(), token);
    const status = snapshot.refusing > 0 || tokenOf === null ? 401 : 200;
    update({
      refusing: Math.max(0, snapshot.refusing - 1),
      requests: [
        ...snapshot.requests,
        {
          number: snapshot.requests.length + 1,
          op: body.op ?? '?',
          madeFor: body.threadOf ?? '?',
          tokenOf,
          token,
          status,
        },
      ],
    });
    return HttpResponse.json(status === 200 ? { ok: true } : { error: 'invalid token' }, { status });
  });
  if (servers.size > MAX_SERVERS) servers.delete(servers.keys().next().value ?? '');
  return {
    refuseNext: () => update({ refusing: snapshot.refusing + 1 }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
}

/** The MSW handler of the ChatKit server: hands each request to the server of the story that made it. */
export const chatKitServerHandler = http.post(CHATKIT_ENDPOINT, ({ request }) => {
  const serve = servers.get(request.headers.get(STORY_BACKEND_HEADER) ?? '');
  return serve
    ? serve(request)
    : HttpResponse.json({ error: 'No story server answers this request.' }, { status: 503 });
});
