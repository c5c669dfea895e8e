export { CHATKIT_BETA_HEADER, OPENAI_API_BASE_URL } from './constants.js';
