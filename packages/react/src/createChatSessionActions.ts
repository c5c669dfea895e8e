import type { ChatSessionController } from '@chatkit-session/core';

/** What a provider hands out to act on the session: one identity for the provider's life. */
export interface ChatSessionActions {
  /** ChatKit's `api.getClientSecret`, answered by the controller of the current `sessionKey`. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
  /** Fetches a new session now; never rejects (a failure lands in the state's `error`). */
  readonly refresh: () => Promise<void>;
  /** Forgets the session, as on sign-out. */
  readonly reset: () => void;
  /** Points the actions at the controller of the `sessionKey` that just committed. */
  readonly use: (controller: ChatSessionController) => void;
}

const ignore = () => undefined;

/**
 * Creates the actions of a provider, acting on whichever controller it holds now: a call made for one user and still
 * waiting when the user changes is answered for the new user, never with the previous user's secret.
 *
 * @param initial The controller of the first render.
 * @returns The actions.
 */
export function createChatSessionActions(initial: ChatSessionController): ChatSessionActions {
  let current = initial;
  // Settles (with `null`, which no secret is) when the actions move to another controller.
  let announceSwitch!: (value: null) => void;
  const nextSwitch = () =>
    new Promise<null>((resolve) => {
      announceSwitch = resolve;
    });
  let switched = nextSwitch();
  return {
    async getClientSecret(currentClientSecret = null) {
      for (;;) {
        const controller = current;
        // The race handles a rejection that loses it too, so an answer nobody waits for anymore is never unhandled.
        const answer = controller.getClientSecret(currentClientSecret);
        try {
          const secret = await Promise.race([answer, switched]);
          if (secret !== null && controller === current) return secret;
        } catch (error) {
          if (controller === current) throw error;
        }
        // The user changed while this call waited: the secret it replaces was the previous user's.
        currentClientSecret = null;
      }
    },
    refresh: () => current.refresh().then(ignore, ignore),
    reset: () => current.reset(),
    use(controller) {
      if (controller === current) return;
      current = controller;
      announceSwitch(null);
      switched = nextSwitch();
    },
  };
}
