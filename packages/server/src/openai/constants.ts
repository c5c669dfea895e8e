/** The base URL of OpenAI's API, which `createChatKitSession` calls unless given another. */
export const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';

/** The beta header every ChatKit API request must carry. */
export const CHATKIT_BETA_HEADER = Object.freeze({ name: 'OpenAI-Beta', value: 'chatkit_beta=v1' } as const);
