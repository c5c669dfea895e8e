import { maskClientSecret } from '@chatkit-session/react';
import { type AnswerSummary, peekJson, type RequestLog } from './createRequestLog.js';

// Bodies refused with a 401 that were not sent again yet; a few are plenty, as a replay follows its 401 at once.
const MAX_REFUSED_BODIES = 20;

function bearerTokenOf(init: RequestInit | undefined): string | null {
  const header = new Headers(init?.headers).get('Authorization');
  return header?.replace(/^Bearer\s+/i, '') || null;
}

async function describeChatKitAnswer(response: Response, token: string | null): Promise<AnswerSummary> {
  const secret = token === null ? null : maskClientSecret(token);
  if (response.ok) return { secret, problem: null };
  const error = (await peekJson(response))?.error;
  const code = typeof error?.code === 'string' ? `${error.code}: ` : '';
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  return { secret, problem: `${code}${message}` };
}

/**
 * Creates the `fetch` that `useChatKitCustomApi({ url, domainKey, fetch })` sends through, logging each request to the
 * ChatKit server with the token it carried and the answer's status: the 401 and the replay that follows the renewal
 * show as two requests. A request whose string body was just refused with a 401 is logged as a `replay`; any other
 * as a `message`.
 *
 * @param log The page's request log.
 * @param path The ChatKit server's path, for the log.
 * @returns The `fetch`.
 */
export function createTrackedFetch(log: RequestLog, path: string): typeof fetch {
  const refusedBodies = new Set<string>();
  return (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : null;
    const replay = body !== null && refusedBodies.delete(body);
    const token = bearerTokenOf(init);
    const send = async () => {
      const response = await fetch(input, init);
      if (response.status === 401 && body !== null) {
        refusedBodies.add(body);
        for (const old of refusedBodies) if (refusedBodies.size > MAX_REFUSED_BODIES) refusedBodies.delete(old);
      }
      return response;
    };
    return log.track({ route: path, reason: replay ? 'replay' : 'message' }, send, (response) =>
      describeChatKitAnswer(response, token),
    );
  };
}
