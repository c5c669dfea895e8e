export { createMockChatKitApi } from './createMockChatKitApi.js';
export type {
  MockChatKitApi,
  MockChatKitApiOptions,
  MockChatKitApiSettings,
  MockChatKitCall,
  MockChatKitFailure,
} from './MockChatKitApiOptions.js';
