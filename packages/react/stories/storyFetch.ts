import { STORY_BACKEND_HEADER, STORY_WORK_HEADER } from './createStoryBackend.js';
import type { StoryClock } from './createStoryClock.js';

/**
 * Sends a request of the story's app to its server (MSW routes it by the backend's id) as real work on the story
 * clock until its body is in, so a play function's `settle` waits for it; the caller reads the body from memory.
 *
 * @param clock The story clock.
 * @param backendId The id of the story's backend.
 * @param input What `fetch` takes.
 * @param init What `fetch` takes; its headers are kept.
 * @returns The response, its body read.
 */
export async function storyFetch(
  clock: StoryClock,
  backendId: string,
  input: RequestInfo | URL,
  init: RequestInit = {},
): Promise<Response> {
  const work = clock.beginWork();
  try {
    const headers = new Headers(init.headers);
    headers.set(STORY_BACKEND_HEADER, backendId);
    headers.set(STORY_WORK_HEADER, work.id);
    const response = await fetch(input, { ...init, headers });
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    work.end();
  }
}
