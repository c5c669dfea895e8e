export type {
  MemoryUserBudgetStore,
  MemoryUserBudgetStoreOptions,
} from './budget/createMemoryUserBudgetStore.js';
export { createMemoryUserBudgetStore } from './budget/createMemoryUserBudgetStore.js';
export type {
  UserBudgetDecision,
  UserBudgetOptions,
  UserBudgetRequest,
  UserBudgetStore,
  UserBudgetWindowRequest,
} from './budget/UserBudgetOptions.js';
export { USER_BUDGET_DEFAULTS } from './budget/UserBudgetOptions.js';
export type {
  ChatKitEndpointErrorEvent,
  ChatKitEndpointOptions,
  ChatSessionErrorSource,
  ChatSessionHandlerErrorEvent,
  ChatSessionUserResolver,
} from './handler/ChatKitEndpointOptions.js';
export type {
  ChatSessionHandler,
  ChatSessionHandlerOptions,
  ChatSessionWorkflowResolver,
} from './handler/ChatSessionHandlerOptions.js';
export { createChatSessionHandler } from './handler/createChatSessionHandler.js';
export type { ChatKitApiErrorInit } from './openai/ChatKitApiError.js';
export { ChatKitApiError } from './openai/ChatKitApiError.js';
export { cancelChatKitSession } from './openai/cancelChatKitSession.js';
export { CHATKIT_BETA_HEADER, OPENAI_API_BASE_URL } from './openai/constants.js';
export { createChatKitSession } from './openai/createChatKitSession.js';
export type { ChatKitFetch, ChatKitRequestOptions } from './openai/sendChatKitRequest.js';
export type { ChatKitRevocationStore } from './revocation/ChatKitRevocationStore.js';
export { CHATKIT_REVOCATION_DEFAULTS } from './revocation/ChatKitRevocationStore.js';
export type {
  MemoryChatKitRevocationStore,
  MemoryChatKitRevocationStoreOptions,
} from './revocation/createMemoryChatKitRevocationStore.js';
export { createMemoryChatKitRevocationStore } from './revocation/createMemoryChatKitRevocationStore.js';
export type { ChatKitTokenErrorCode } from './token/ChatKitTokenError.js';
export { ChatKitTokenError } from './token/ChatKitTokenError.js';
export type {
  ChatKitTokenAlgorithm,
  ChatKitTokenHandler,
  ChatKitTokenHandlerOptions,
  ChatKitTokenResource,
  ChatKitTokenSecret,
  ChatKitTokenSecrets,
} from './token/ChatKitTokenHandlerOptions.js';
export { CHATKIT_TOKEN_DEFAULTS } from './token/ChatKitTokenHandlerOptions.js';
export { createChatKitTokenHandler } from './token/createChatKitTokenHandler.js';
export type { VerifiedChatKitToken, VerifyChatKitTokenOptions } from './token/verifyChatKitToken.js';
export { verifyChatKitToken } from './token/verifyChatKitToken.js';
