import { createChatKitTokenHandler } from '@chatkit-session/server';
import { DEMO_USER_ID } from '@/lib/demoUser';
import { getTokenSecret } from '@/lib/getTokenSecret';

/**
 * The token endpoint of ChatKit's custom-backend mode: the custom-backend page's `ChatSessionProvider` POSTs here and
 * gets a short-lived token (a JWT) for the signed-in user, which `app/api/chatkit/route.ts` checks. The secret is
 * checked here, when the module loads (`next build` loads it too): a short one fails the build, not a request.
 */
export const POST = createChatKitTokenHandler({
  secret: getTokenSecret(),
  // Replace with your auth, as in the session route.
  resolveUser: () => DEMO_USER_ID,
});
