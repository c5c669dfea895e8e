import { type ChatSessionControllerOptions, createChatSessionController } from '@chatkit-session/core';
import type { RenewalStrategy, RenewalStrategyContext } from './RenewalStrategy.js';

/** The options our strategies set; every other option of the controller keeps its default. */
export type ControllerStrategyOptions = Pick<ChatSessionControllerOptions, 'keepWarm' | 'minValidityMs'>;

/**
 * Creates the `create` of one of our strategies: `createChatSessionController` on the app's endpoint, started when the
 * app loads, its `getClientSecret` handed to ChatKit, and each mounted chat holding it (`hold()`).
 *
 * @param options The options that differ from the defaults.
 * @returns What builds the strategy on a simulated day.
 * @example
 * const create = createControllerStrategy({ minValidityMs: 90_000 });
 */
export function createControllerStrategy(options: ControllerStrategyOptions = {}) {
  return ({ clock, backend }: RenewalStrategyContext): RenewalStrategy => {
    const controller = createChatSessionController({
      ...options,
      fetchSession: backend.fetchSession,
      environment: clock.environment,
    });
    controller.start();
    return {
      getClientSecret: controller.getClientSecret,
      openChat: () => controller.hold(),
      dispose: () => controller.dispose(),
    };
  };
}
