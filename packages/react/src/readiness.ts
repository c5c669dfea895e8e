// Opt-in: an app that does not import `@chatkit-session/react/readiness` ships none of the readiness watchdog.
export type { ChatKitReadinessProps } from './readiness/ChatKitReadiness.js';
export { ChatKitReadiness } from './readiness/ChatKitReadiness.js';
export type { ChatKitReadinessEvent } from './readiness/ChatKitReadinessEvent.js';
export { ChatKitReadinessFallback } from './readiness/ChatKitReadinessFallback.js';
export type {
  ChatKitReadinessPhase,
  ChatKitReadinessState,
  ChatKitReadinessVerdict,
} from './readiness/ChatKitReadinessState.js';
export type { UseChatKitReadinessOptions } from './readiness/useChatKitReadiness.js';
export { useChatKitReadiness } from './readiness/useChatKitReadiness.js';
