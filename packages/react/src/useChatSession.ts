'use client';
import type { ChatSessionCredential, ChatSessionCredentialFields, ChatSessionState } from '@chatkit-session/core';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ChatSessionContextValue } from './ChatSessionContext.js';
import type { UseChatSessionResult } from './UseChatSessionResult.js';
import { useChatSessionContext } from './useChatSessionContext.js';

/**
 * Returns one result object per state and provider, so consumers of the whole result re-render only when the state
 * changes; its actions are the provider's, which always act on the current user's controller.
 */
function resultOf({ results, actions }: ChatSessionContextValue, state: ChatSessionState): UseChatSessionResult {
  let result = results.get(state);
  if (!result) {
    const { getClientSecret, refresh, reset } = actions;
    result = { ...state, isRefreshing: state.status === 'refreshing', getClientSecret, refresh, reset };
    results.set(state, result);
  }
  return result;
}

const identity = <T>(value: T) => value;

/**
 * Returns the ChatKit session of the nearest `ChatSessionProvider`, re-rendering when it changes; with a selector,
 * only when the selected value changes (compared with `Object.is`). `session` is typed as what the controller
 * checked; name the type your provider's `parseSession` returns to read its other fields
 * (`useChatSession<ChatSessionResource>()` with `parseSession={parseChatSession}`).
 *
 * @param selector Picks the part you need; return a primitive or a stable reference.
 * @returns The session's state and actions, or what the selector picked.
 * @example
 * const { status, clientSecret, refresh } = useChatSession();
 * const secret = useChatSession((session) => session.clientSecret);
 */
export function useChatSession<
  TSession extends ChatSessionCredentialFields = ChatSessionCredential,
>(): UseChatSessionResult<TSession>;
export function useChatSession<T, TSession extends ChatSessionCredentialFields = ChatSessionCredential>(
  selector: (session: UseChatSessionResult<TSession>) => T,
): T;
export function useChatSession<T>(selector?: (session: UseChatSessionResult) => T): T | UseChatSessionResult {
  const context = useChatSessionContext('useChatSession');
  const { controller } = context;
  const select = (selector ?? identity) as (session: UseChatSessionResult) => T;
  // The last state, selector and selection, as a tuple: property names would survive minification.
  const memo = useRef<[ChatSessionState, typeof select, T]>(null);
  const getSnapshot = () => {
    const state = controller.getState();
    const last = memo.current;
    // A new selector (say, one that reads a prop) must be applied even when the state is the same.
    if (last?.[0] === state && last[1] === select) return last[2];
    const selected = select(resultOf(context, state));
    // Keep the previous selection when equal, so a state change that does not touch it renders nothing.
    memo.current = [state, select, last && Object.is(last[2], selected) ? last[2] : selected];
    return memo.current[2];
  };
  // A component showing the session needs it: it is renewed while one is mounted.
  const subscribe = useCallback(
    (listener: () => void) => {
      const unsubscribe = controller.subscribe(listener);
      const release = controller.hold();
      return () => {
        release();
        unsubscribe();
      };
    },
    [controller],
  );
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
