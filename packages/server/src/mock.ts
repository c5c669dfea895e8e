export { createMockChatKitApi } from './mock/createMockChatKitApi.js';
export type {
  MockChatKitApi,
  MockChatKitApiOptions,
  MockChatKitApiSettings,
  MockChatKitCall,
  MockChatKitFailure,
} from './mock/MockChatKitApiOptions.js';
