export type { ChatKitApiErrorInit } from './ChatKitApiError.js';
export { ChatKitApiError } from './ChatKitApiError.js';
export type {
  ChatSessionErrorSource,
  ChatSessionHandler,
  ChatSessionHandlerErrorEvent,
  ChatSessionHandlerOptions,
  ChatSessionUserResolver,
  ChatSessionWorkflowResolver,
} from './ChatSessionHandlerOptions.js';
export { cancelChatKitSession } from './cancelChatKitSession.js';
export { CHATKIT_BETA_HEADER, OPENAI_API_BASE_URL } from './constants.js';
export { createChatKitSession } from './createChatKitSession.js';
export { createChatSessionHandler } from './createChatSessionHandler.js';
export type { ChatKitFetch, ChatKitRequestOptions } from './sendChatKitRequest.js';
