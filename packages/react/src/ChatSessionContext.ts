'use client';
import type { ChatSessionController, ChatSessionEnvironment } from '@chatkit-session/core';
import { createContext } from 'react';

/** What a `ChatSessionProvider` gives its descendants. */
export interface ChatSessionContextValue {
  readonly controller: ChatSessionController;
  readonly environment: Partial<ChatSessionEnvironment>;
}

/** The context a `ChatSessionProvider` fills; `null` outside of one. */
export const ChatSessionContext = createContext<ChatSessionContextValue | null>(null);
