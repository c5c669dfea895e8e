export type { NodeListener, WebHandler } from './node/toNodeListener.js';
export { toNodeListener } from './node/toNodeListener.js';
