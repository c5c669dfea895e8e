import { createChatSessionController } from '@chatkit-session/core';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/**
 * Ours with `keepWarm: true`: the same controller renewing from `start()` to `stop()` whether a chat is open or not,
 * so a chat that opens finds a fresh secret waiting. The app code is otherwise the same, holds included.
 */
export const keepWarmControllerStrategy: RenewalStrategyDefinition = {
  name: 'ours, always warm (keepWarm: true)',
  summary: 'as ours, but renews from `start()` to `stop()` whether a chat is open or not (`keepWarm: true`)',
  ours: true,
  create({ clock, backend }) {
    const controller = createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: clock.environment,
      keepWarm: true,
    });
    controller.start();
    return {
      getClientSecret: controller.getClientSecret,
      // The app holds the controller around each chat whatever the option: only `keepWarm` differs from ours.
      openChat: () => controller.hold(),
      dispose: () => controller.dispose(),
    };
  },
};
