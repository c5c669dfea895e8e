import { createChatSessionHandler } from '@chatkit-session/server';
import { createMockChatKitApi } from '@chatkit-session/server/mock';
import { DEMO_USER_ID } from '@/lib/demoUser';
import { readSessionSettings } from '@/lib/readSessionSettings';

// Read when the server loads this route (and once by `next build`, which needs none of it): a change needs a restart.
const settings = readSessionSettings(process.env);
if (settings.notice) console.warn(`[example-nextjs] ${settings.notice}`);
// The mock accepts any Bearer key and any workflow id, so the example runs without an OpenAI account.
const mock = settings.mode === 'mock' ? createMockChatKitApi() : null;

/**
 * The session endpoint of ChatKit's hosted mode: the browser's `ChatSessionProvider` POSTs here and gets a ChatKit
 * session created for the signed-in user. Only POST is exported, so Next itself answers 405 to every other method.
 */
export const POST = createChatSessionHandler({
  apiKey: settings.mode === 'openai' ? settings.apiKey : 'sk-example-mock-key',
  workflow: { id: settings.mode === 'openai' ? settings.workflowId : 'wf_example_mock' },
  // Replace with your auth: the signed-in user's id from the request's cookie or header, or null for a 401.
  resolveUser: () => DEMO_USER_ID,
  expiresAfterSeconds: settings.lifetimeSeconds,
  fetch: mock?.fetch,
});
