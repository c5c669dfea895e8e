import type { RenewalStrategyDefinition } from './RenewalStrategy.js';

/** A pattern seen in samples: when ChatKit asks to refresh, hand back the secret it already has. */
export const handBackCurrentStrategy: RenewalStrategyDefinition = {
  name: 'hand back current (current ?? mint)',
  summary: '`getClientSecret: async (current) => current ?? (await createSession()).client_secret`',
  create: ({ backend }) => ({
    getClientSecret: async (current) => current ?? (await backend.mint()).client_secret,
    dispose: () => {},
  }),
};
