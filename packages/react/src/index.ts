export { chatSessionQueryKey } from './chatSessionQueryKey.js';
