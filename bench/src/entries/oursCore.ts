import { createChatSessionController } from '@chatkit-session/core';

/** Ours without React, as the ChatKit web component uses it: one controller and its `getClientSecret`. */
export const controller = createChatSessionController({
  fetchSession: ({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal }),
});
controller.start();
export const api = { getClientSecret: controller.getClientSecret };
