import type { ChatSessionControllerStatus } from '@chatkit-session/core';
import type { CSSProperties } from 'react';

/** Where `ChatSessionDevtools` sits on the screen. */
export type ChatSessionDevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

const EDGE = '12px';

/**
 * Returns the fixed placement of the devtools in a corner of the viewport.
 *
 * @param position The corner.
 * @returns The container's style.
 * @example
 * <section style={getDevtoolsContainerStyle('top-left')} />
 */
export function getDevtoolsContainerStyle(position: ChatSessionDevtoolsPosition): CSSProperties {
  const [vertical, horizontal] = position.split('-') as ['top' | 'bottom', 'left' | 'right'];
  return {
    position: 'fixed',
    [vertical]: EDGE,
    [horizontal]: EDGE,
    zIndex: 2147483000,
    display: 'flex',
    flexDirection: vertical === 'top' ? 'column' : 'column-reverse',
    alignItems: horizontal === 'left' ? 'flex-start' : 'flex-end',
    gap: '8px',
    font: '12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    color: '#e5e7eb',
  };
}

/** The colour of each status, for the dot on the toggle and in the panel. */
const STATUS_COLORS: Record<ChatSessionControllerStatus, string> = {
  idle: '#9ca3af',
  loading: '#60a5fa',
  active: '#34d399',
  refreshing: '#60a5fa',
  error: '#f87171',
};

/** The styles of the devtools' parts. */
export const devtoolsStyles = {
  button: {
    font: 'inherit',
    color: 'inherit',
    background: '#111827',
    border: '1px solid #374151',
    borderRadius: '6px',
    padding: '4px 10px',
    cursor: 'pointer',
  },
  panel: {
    width: '360px',
    maxWidth: 'calc(100vw - 24px)',
    maxHeight: '60vh',
    overflow: 'auto',
    background: '#111827ee',
    border: '1px solid #374151',
    borderRadius: '8px',
    padding: '10px 12px',
    boxShadow: '0 8px 24px #0006',
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px', margin: 0 },
  heading: { fontSize: '12px', fontWeight: 600, margin: 0 },
  fields: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: '8px 0' },
  term: { color: '#9ca3af' },
  value: { margin: 0, overflowWrap: 'anywhere' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0 8px', padding: '2px 0' },
  muted: { color: '#9ca3af' },
  failure: { color: '#fca5a5' },
} satisfies Record<string, CSSProperties>;

/**
 * Returns the style of a small dot in the colour of a status.
 *
 * @param status The status.
 * @returns The dot's style.
 * @example
 * <span style={getStatusDotStyle('active')} />
 */
export function getStatusDotStyle(status: ChatSessionControllerStatus): CSSProperties {
  return {
    display: 'inline-block',
    width: '8px',
    height: '8px',
    borderRadius: '50%',
    marginRight: '6px',
    background: STATUS_COLORS[status],
  };
}
