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
  let switched: { promise: Promise<null>; resolve: (value: null) => void } | null = null;
  const whenSwitched = () => {
    if (!switched) {
      let resolve!: (value: null) => void;
      const promise = new Promise<null>((done) => {
        resolve = done;
      });
      switched = { promise, resolve };
    }
    return switched.promise;
  };
  return {
    async getClientSecret(currentClientSecret = null) {
      for (;;) {
        const controller = current;
        const answer = controller.getClientSecret(currentClientSecret).then(
          (secret) => ({ secret }),
          (error: unknown) => ({ error }),
        );
        const settled = await Promise.race([answer, whenSwitched()]);
        if (settled && controller === current) {
          if ('error' in settled) throw settled.error;
          return settled.secret;
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
      switched?.resolve(null);
      switched = null;
    },
  };
}
