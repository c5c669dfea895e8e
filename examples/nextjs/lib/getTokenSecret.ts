import type { ChatKitTokenSecret } from '@chatkit-session/server';

// On globalThis, not in a module variable: Next bundles each route on its own, so the token route and the ChatKit
// route would otherwise each hold a secret of their own.
const GENERATED = Symbol.for('@chatkit-session/example-nextjs:token-secret');

type WithSecret = typeof globalThis & { [GENERATED]?: Uint8Array };

/**
 * Returns the secret that signs ChatKit tokens (the token route) and checks them (the ChatKit route):
 * `CHATKIT_TOKEN_SECRET` when set, else 32 random bytes made once per server process, so `next build`, `next dev` and
 * `next start` run without configuration. A generated secret dies with the process, and with it every token it
 * signed: set the variable (`openssl rand -base64 32`) wherever more than one process serves the app.
 *
 * @param env The server's environment.
 * @returns The secret, never sent anywhere.
 */
export function getTokenSecret(env: Readonly<Record<string, string | undefined>> = process.env): ChatKitTokenSecret {
  const configured = env.CHATKIT_TOKEN_SECRET?.trim();
  if (configured) return configured;
  const store = globalThis as WithSecret;
  if (!store[GENERATED]) {
    store[GENERATED] = crypto.getRandomValues(new Uint8Array(32));
    // `next build` loads the route modules too, and needs no secret of its own.
    if (env.NODE_ENV === 'production' && env.NEXT_PHASE !== 'phase-production-build') {
      console.warn(
        '[example-nextjs] CHATKIT_TOKEN_SECRET is not set: tokens are signed with a secret of this process.',
      );
    }
  }
  return store[GENERATED];
}
