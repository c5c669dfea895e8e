export type { ChatSessionController } from './ChatSessionController.js';
export type {
  ChatSessionControllerOptions,
  FetchSessionContext,
  InitialChatSession,
} from './ChatSessionControllerOptions.js';
export { assertChatSessionOptions } from './ChatSessionControllerOptions.js';
export type { ChatSessionCredential, ChatSessionCredentialFields } from './ChatSessionCredential.js';
export type {
  BroadcastChannelLike,
  ChatSessionEnvironment,
  LockManagerLike,
  WakeEventTarget,
} from './ChatSessionEnvironment.js';
export { createChatSessionEnvironment } from './ChatSessionEnvironment.js';
export type { ChatSessionErrorDetails, ChatSessionErrorKind } from './ChatSessionError.js';
export { ChatSessionError, getErrorKindOfStatus } from './ChatSessionError.js';
export type { ChatSessionEvent, ChatSessionEventType } from './ChatSessionEvent.js';
export type { ChatSessionFetchReason } from './ChatSessionFetchReason.js';
export type { ChatSessionPort } from './ChatSessionPort.js';
export type {
  ChatkitWorkflow,
  ChatkitWorkflowTracing,
  ChatSessionAutomaticThreadTitling,
  ChatSessionChatkitConfiguration,
  ChatSessionFileUpload,
  ChatSessionHistory,
  ChatSessionRateLimits,
  ChatSessionResource,
  ChatSessionResourceInput,
  ChatSessionStatus,
} from './ChatSessionResourceSchema.js';
export {
  ChatkitWorkflowSchema,
  ChatkitWorkflowTracingSchema,
  ChatSessionAutomaticThreadTitlingSchema,
  ChatSessionChatkitConfigurationSchema,
  ChatSessionFileUploadSchema,
  ChatSessionHistorySchema,
  ChatSessionRateLimitsSchema,
  ChatSessionResourceSchema,
  ChatSessionStatusSchema,
  UnixSecondsSchema,
} from './ChatSessionResourceSchema.js';
export type { ChatSessionControllerStatus, ChatSessionState } from './ChatSessionState.js';
export type { ChatSessionTelemetry, ChatSessionTransition, SentRequest } from './ChatSessionTransition.js';
export type { ChatSessionValidationIssue } from './ChatSessionValidationError.js';
export { ChatSessionValidationError } from './ChatSessionValidationError.js';
export type {
  AutomaticThreadTitlingParam,
  ChatkitConfigurationParam,
  CreateChatSessionBody,
  CreateChatSessionBodyInput,
  ExpiresAfterParam,
  ExpiresAfterParamInput,
  FileUploadParam,
  HistoryParam,
  RateLimitsParam,
  WorkflowParam,
  WorkflowTracingParam,
} from './CreateChatSessionBodySchema.js';
export {
  AutomaticThreadTitlingParamSchema,
  ChatkitConfigurationParamSchema,
  CreateChatSessionBodySchema,
  ExpiresAfterParamSchema,
  FileUploadParamSchema,
  HistoryParamSchema,
  RateLimitsParamSchema,
  StateVariablesSchema,
  WorkflowParamSchema,
  WorkflowTracingParamSchema,
} from './CreateChatSessionBodySchema.js';
export { CHATKIT_SESSION_DEFAULTS, CHATKIT_SESSION_LIMITS } from './constants.js';
export { createChatSessionController } from './controller/createChatSessionController.js';
export type { ChatKitFetchController, ChatKitFetchOptions } from './createChatKitFetch.js';
export { createChatKitFetch } from './createChatKitFetch.js';
export type { ChatSessionRegistry, ChatSessionRegistryOptions } from './createChatSessionRegistry.js';
export { createChatSessionRegistry } from './createChatSessionRegistry.js';
export type { SessionCountdown, SessionCountdownSnapshot } from './createSessionCountdown.js';
export { createSessionCountdown } from './createSessionCountdown.js';
export { createTabSync } from './createTabSync.js';
export { maskClientSecret } from './maskClientSecret.js';
export { parseChatSession } from './parseChatSession.js';
export { parseCreateChatSessionBody } from './parseCreateChatSessionBody.js';
export type { StateVariableValue } from './StateVariableValueSchema.js';
export { StateVariableValueSchema } from './StateVariableValueSchema.js';
export { reportEvents } from './telemetry/reportEvents.js';
