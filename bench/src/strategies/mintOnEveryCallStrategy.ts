import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/** The official sample's pattern: every `getClientSecret` call creates a session. */
export const mintOnEveryCallStrategy: RenewalStrategyDefinition = {
  name: 'mint on every call (official sample)',
  summary: '`getClientSecret: async () => (await createSession()).client_secret`',
  create: ({ backend }) => ({
    getClientSecret: async () => (await backend.mint()).client_secret,
    dispose: () => {},
  }),
};
