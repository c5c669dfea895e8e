import { createControllerStrategy } from './createControllerStrategy.js';
import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/**
 * Ours: `createChatSessionController` with its defaults, started when the app loads, its `getClientSecret` handed to
 * ChatKit; each mounted chat holds the controller (`hold()`), so it renews only while something needs the credential.
 */
export const controllerStrategy: RenewalStrategyDefinition = {
  name: 'ours (createChatSessionController)',
  summary:
    'renews only while a chat holds it or a call came within a lifetime, 60 s + the time a renewal needs (+ a random ' +
    'share of 5 % of the lifetime) before expiry on the server clock; backoff with Retry-After; waits while hidden; ' +
    'wakes up',
  ours: true,
  create: createControllerStrategy(),
};
