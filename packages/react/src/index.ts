// Every public name of the core, so that a React app depends on this one package.
export type {
  AutomaticThreadTitlingParam,
  BroadcastChannelLike,
  ChatKitFetchController,
  ChatKitFetchOptions,
  ChatkitConfigurationParam,
  ChatkitWorkflow,
  ChatkitWorkflowTracing,
  ChatSessionAutomaticThreadTitling,
  ChatSessionChatkitConfiguration,
  ChatSessionController,
  ChatSessionControllerOptions,
  ChatSessionControllerStatus,
  ChatSessionCredential,
  ChatSessionCredentialFields,
  ChatSessionEnvironment,
  ChatSessionErrorDetails,
  ChatSessionErrorKind,
  ChatSessionEvent,
  ChatSessionEventType,
  ChatSessionFetchReason,
  ChatSessionFileUpload,
  ChatSessionHistory,
  ChatSessionRateLimits,
  ChatSessionRegistry,
  ChatSessionRegistryOptions,
  ChatSessionResource,
  ChatSessionResourceInput,
  ChatSessionState,
  ChatSessionStatus,
  ChatSessionValidationIssue,
  CreateChatSessionBody,
  CreateChatSessionBodyInput,
  ExpiresAfterParam,
  ExpiresAfterParamInput,
  FetchSessionContext,
  FileUploadParam,
  HistoryParam,
  InitialChatSession,
  LockManagerLike,
  RateLimitsParam,
  SessionCountdown,
  SessionCountdownSnapshot,
  StateVariableValue,
  WakeEventTarget,
  WorkflowParam,
  WorkflowTracingParam,
} from '@chatkit-session/core';
export {
  AutomaticThreadTitlingParamSchema,
  CHATKIT_SESSION_DEFAULTS,
  CHATKIT_SESSION_LIMITS,
  ChatkitConfigurationParamSchema,
  ChatkitWorkflowSchema,
  ChatkitWorkflowTracingSchema,
  ChatSessionAutomaticThreadTitlingSchema,
  ChatSessionChatkitConfigurationSchema,
  ChatSessionError,
  ChatSessionFileUploadSchema,
  ChatSessionHistorySchema,
  ChatSessionRateLimitsSchema,
  ChatSessionResourceSchema,
  ChatSessionStatusSchema,
  ChatSessionValidationError,
  CreateChatSessionBodySchema,
  createChatKitFetch,
  createChatSessionController,
  createChatSessionEnvironment,
  createChatSessionRegistry,
  createSessionCountdown,
  createTabSync,
  ExpiresAfterParamSchema,
  FileUploadParamSchema,
  getErrorKindOfStatus,
  HistoryParamSchema,
  maskClientSecret,
  parseChatSession,
  parseCreateChatSessionBody,
  RateLimitsParamSchema,
  StateVariablesSchema,
  StateVariableValueSchema,
  UnixSecondsSchema,
  WorkflowParamSchema,
  WorkflowTracingParamSchema,
} from '@chatkit-session/core';
export type { ChatSessionGateErrorProps, ChatSessionGateProps } from './ChatSessionGate.js';
export { ChatSessionGate } from './ChatSessionGate.js';
export type { ChatSessionProviderProps } from './ChatSessionProvider.js';
export { ChatSessionProvider } from './ChatSessionProvider.js';
export { chatSessionQueryKey } from './chatSessionQueryKey.js';
export type { UseChatSessionResult } from './UseChatSessionResult.js';
export type { UseChatKitApiResult } from './useChatKitApi.js';
export { useChatKitApi } from './useChatKitApi.js';
export type { UseChatKitCustomApiOptions, UseChatKitCustomApiResult } from './useChatKitCustomApi.js';
export { useChatKitCustomApi } from './useChatKitCustomApi.js';
export { useChatSession } from './useChatSession.js';
export { usePrefetchChatSession } from './usePrefetchChatSession.js';
export { useSessionCountdown } from './useSessionCountdown.js';
export type { UseSuspenseChatSessionResult } from './useSuspenseChatSession.js';
export { useSuspenseChatSession } from './useSuspenseChatSession.js';
