import { type ChatKitFetchController, type ChatSessionController, ChatSessionError } from '@chatkit-session/core';

/** What a provider hands out to act on the session: one identity for the provider's life. */
export interface ChatSessionActions {
  /**
   * ChatKit's `api.getClientSecret`, answered by the controller of the `sessionKey` committed when it is called; a call
   * still waiting when the key changes rejects as `superseded`.
   */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
  /** A `getClientSecret` bound to the user signed in now: once another user is, every call rejects as `superseded`. */
  readonly bind: () => ChatKitFetchController;
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
 * Creates the actions of a provider, acting on the controller of the `sessionKey` committed now. A call belongs to the
 * user signed in when it was made: one still waiting when the user changes rejects at once as `superseded` (ChatKit
 * keeps that user's thread and drafts, and must never get the next user's secret for them); calls made after the
 * change are answered for the new user.
 *
 * @param initial The controller of the first render.
 * @returns The actions.
 */
export function createChatSessionActions(initial: ChatSessionController): ChatSessionActions {
  let current = initial;
  // Settles (with `null`, which no secret is) when the actions move to another controller: one per user era.
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
  /** Asks the controller of one era (named by its `switched` promise), rejecting once that era is over. */
  const ask = async (controller: ChatSessionController, era: Promise<null>, replacing: string | null) => {
    if (era === switched) {
      // The race handles a rejection that loses it too, so an answer nobody waits for anymore is never unhandled.
      const secret = await Promise.race([controller.getClientSecret(replacing), era]).catch((error: unknown) => {
        if (era === switched) throw error;
        return null;
      });
      if (secret !== null && era === switched) return secret;
    }
    throw new ChatSessionError('superseded', 'The signed-in user (sessionKey) changed while this call waited.');
  };
  const bind = () => {
    const controller = current;
    const era = switched;
    return {
      getClientSecret: (replacing: string | null = null) => ask(controller, era, replacing),
      // What the app's server said of this user's secret concerns this user's controller alone.
      reportRefusal: controller.reportRefusal,
    };
  };
  return {
    getClientSecret: (replacing = null) => ask(current, switched, replacing),
    bind,
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
