export type { NodeListener, NodeListenerOptions, WebHandler } from './node/toNodeListener.js';
export { toNodeListener } from './node/toNodeListener.js';
