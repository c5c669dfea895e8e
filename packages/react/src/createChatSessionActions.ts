import type { ChatSessionController } from '@chatkit-session/core';

/** What a provider hands out to act on the session: one identity for the provider's life. */
export interface ChatSessionActions {
  /** ChatKit's `api.getClientSecret`, answered by the controller of the current `sessionKey`. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
  /** Fetches a new session now; never rejects (a failure lands in the state's `error`). */
  readonly refresh: () => Promise<void>;
  /** Forgets the session, as on sign-out. */
  readonly reset: () => void;
  /** Gets a secret ready before ChatKit asks; never rejects. */
  readonly prefetch: () => Promise<void>;
  /** Keeps the current user's session renewed until the returned function is called, across user switches. */
  readonly hold: () => () => void;
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
  // One hold on the current controller while any component of this provider holds, moved on a user switch (the new
  // one is taken before the old one goes, so a controller that stays never sees its holds drop to none).
  let holds = 0;
  let release: (() => void) | null = null;
  const holdCurrent = () => {
    const previous = release;
    release = holds > 0 ? current.hold() : null;
    previous?.();
  };
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
        // The user changed while this call waited: ask the new user's controller. The secret it replaces stays
        // refused: a switch back to the user it belongs to must not hand it out again.
      }
    },
    refresh: () => current.refresh().then(ignore, ignore),
    reset: () => current.reset(),
    prefetch: () => current.prefetch(),
    hold() {
      if (++holds === 1) holdCurrent();
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        if (--holds === 0) holdCurrent();
      };
    },
    use(controller) {
      if (controller === current) return;
      current = controller;
      holdCurrent();
      announceSwitch(null);
      switched = nextSwitch();
    },
  };
}
