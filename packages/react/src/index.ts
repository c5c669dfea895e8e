// The opt-in parts of the controller, so that React apps import everything from one package.
export { createTabSync, parseChatSession } from '@chatkit-session/core';
export type { ChatSessionGateErrorProps, ChatSessionGateProps } from './ChatSessionGate.js';
export { ChatSessionGate } from './ChatSessionGate.js';
export type { ChatSessionProviderProps } from './ChatSessionProvider.js';
export { ChatSessionProvider } from './ChatSessionProvider.js';
export { chatSessionQueryKey } from './chatSessionQueryKey.js';
export type { UseChatKitApiResult } from './useChatKitApi.js';
export { useChatKitApi } from './useChatKitApi.js';
export type { UseChatSessionResult } from './useChatSession.js';
export { useChatSession } from './useChatSession.js';
export { useSessionCountdown } from './useSessionCountdown.js';
export type { UseSuspenseChatSessionResult } from './useSuspenseChatSession.js';
export { useSuspenseChatSession } from './useSuspenseChatSession.js';
