export type { ChatSessionDevtoolsProps } from './ChatSessionDevtools.js';
export { ChatSessionDevtools } from './ChatSessionDevtools.js';
export type { ChatSessionTimelineEvent, ChatSessionTimelineEventKind } from './ChatSessionTimelineEvent.js';
export type { ChatSessionDevtoolsPosition } from './devtoolsStyles.js';
export type { UseChatSessionTimelineOptions } from './useChatSessionTimeline.js';
export { useChatSessionTimeline } from './useChatSessionTimeline.js';
