'use client';
import type { ChatSessionController, ChatSessionEnvironment, ChatSessionState } from '@chatkit-session/core';
import { createContext } from 'react';
import type { ChatSessionActions } from './createChatSessionActions.js';
import type { UseChatSessionResult } from './UseChatSessionResult.js';

/** What a `ChatSessionProvider` gives its descendants. */
export interface ChatSessionContextValue {
  /** The controller of the current `sessionKey`. */
  readonly controller: ChatSessionController;
  readonly environment: Partial<ChatSessionEnvironment>;
  /** The provider's actions: one identity for its life. */
  readonly actions: ChatSessionActions;
  /** One `useChatSession()` result per state, per provider (results carry this provider's actions). */
  readonly results: WeakMap<ChatSessionState, UseChatSessionResult>;
  /** Runs the controller before the provider has mounted, for a render that waits on it (Suspense above). */
  readonly lease: () => void;
  /** Who is signed in: the provider's `sessionKey`. */
  readonly sessionKey: string | null;
}

/** The context a `ChatSessionProvider` fills; `null` outside of one. */
export const ChatSessionContext = createContext<ChatSessionContextValue | null>(null);
