import { createChatSessionController } from '@chatkit-session/core';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/**
 * Ours: `createChatSessionController`, started when the app loads, its `getClientSecret` handed to ChatKit; each
 * mounted chat holds the controller (`hold()`), so it renews only while a chat needs the credential.
 */
export const controllerStrategy: RenewalStrategyDefinition = {
  name: 'ours (createChatSessionController)',
  summary: 'renews at 70–80 % of the lifetime measured on the server clock; backoff with Retry-After; wakes up',
  ours: true,
  create({ clock, backend }) {
    const controller = createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: clock.environment,
    });
    controller.start();
    return {
      getClientSecret: controller.getClientSecret,
      openChat: () => controller.hold(),
      dispose: () => controller.dispose(),
    };
  },
};
