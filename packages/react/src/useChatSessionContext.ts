'use client';
import { useContext } from 'react';
import { ChatSessionContext, type ChatSessionContextValue } from './ChatSessionContext.js';

/**
 * Returns the nearest provider's controller, or throws an error that says which provider to add.
 *
 * @param hookName The public hook asking, for the message.
 * @returns The context value.
 */
export function useChatSessionContext(hookName: string): ChatSessionContextValue {
  const value = useContext(ChatSessionContext);
  if (!value) {
    throw new Error(`${hookName} must be used inside a <ChatSessionProvider> from @chatkit-session/react.`);
  }
  return value;
}
