'use client';
import type { ChatSessionController, ChatSessionState } from '@chatkit-session/core';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useChatSessionContext } from './useChatSessionContext.js';

/** What `useChatSession()` returns: the session's state and what you can do with it. */
export interface UseChatSessionResult extends ChatSessionState {
  /** Whether a renewal is in flight while the current session stays usable. */
  readonly isRefreshing: boolean;
  /** Fetches a new session now; never rejects (a failure lands in `error`). */
  readonly refresh: () => Promise<void>;
  /**
   * Forgets the session, as on sign-out (in every tab when sharing). The provider then renews nothing until its
   * `sessionKey` changes or it remounts; `refresh()` and `getClientSecret()` still fetch on demand.
   */
  readonly reset: () => void;
  /** ChatKit's `api.getClientSecret`. */
  readonly getClientSecret: ChatSessionController['getClientSecret'];
}

const results = new WeakMap<ChatSessionState, UseChatSessionResult>();
const actions = new WeakMap<
  ChatSessionController,
  Pick<UseChatSessionResult, 'refresh' | 'reset' | 'getClientSecret'>
>();

function actionsOf(controller: ChatSessionController) {
  let bound = actions.get(controller);
  if (!bound) {
    bound = {
      refresh: () => controller.refresh().then(ignore, ignore),
      reset: () => controller.reset(),
      getClientSecret: controller.getClientSecret,
    };
    actions.set(controller, bound);
  }
  return bound;
}

/** Returns one result object per state, so consumers of the whole result re-render only when the state changes. */
function resultOf(controller: ChatSessionController, state: ChatSessionState): UseChatSessionResult {
  let result = results.get(state);
  if (!result) {
    result = { ...state, isRefreshing: state.status === 'refreshing', ...actionsOf(controller) };
    results.set(state, result);
  }
  return result;
}

const ignore = () => undefined;
const identity = <T>(value: T) => value;

/**
 * Returns the ChatKit session of the nearest `ChatSessionProvider`, re-rendering when it changes; with a selector,
 * only when the selected value changes (compared with `Object.is`).
 *
 * @param selector Picks the part you need; return a primitive or a stable reference.
 * @returns The session's state and actions, or what the selector picked.
 * @example
 * const { status, clientSecret, refresh } = useChatSession();
 * const secret = useChatSession((session) => session.clientSecret);
 */
export function useChatSession(): UseChatSessionResult;
export function useChatSession<T>(selector: (session: UseChatSessionResult) => T): T;
export function useChatSession<T>(selector?: (session: UseChatSessionResult) => T): T | UseChatSessionResult {
  const { controller } = useChatSessionContext('useChatSession');
  const select = (selector ?? identity) as (session: UseChatSessionResult) => T;
  const memo = useRef<{ state: ChatSessionState; select: typeof select; selected: T } | null>(null);
  const getSnapshot = () => {
    const state = controller.getState();
    // A new selector (say, one that reads a prop) must be applied even when the state is the same.
    if (memo.current?.state === state && memo.current.select === select) return memo.current.selected;
    const selected = select(resultOf(controller, state));
    // Keep the previous selection when equal, so a state change that does not touch it renders nothing.
    memo.current = {
      state,
      select,
      selected: memo.current && Object.is(memo.current.selected, selected) ? memo.current.selected : selected,
    };
    return memo.current.selected;
  };
  const subscribe = useCallback((listener: () => void) => controller.subscribe(listener), [controller]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
