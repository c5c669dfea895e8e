import type { CSSProperties } from 'react';

/** The few styles the story panels share, inline so the stories need no CSS set-up. */
export const storyStyles = {
  page: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontSize: 14,
    color: '#1f2328',
    display: 'grid',
    gap: 16,
    maxWidth: 1080,
    padding: 8,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' },
  card: {
    border: '1px solid #d0d7de',
    borderRadius: 8,
    padding: '12px 16px',
    background: '#fff',
    minWidth: 280,
    flex: '1 1 320px',
  },
  title: { margin: '0 0 8px', fontSize: 15, fontWeight: 600 },
  note: { margin: 0, color: '#57606a', fontSize: 13, lineHeight: 1.45 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px', margin: 0 },
  term: { color: '#57606a' },
  mono: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 },
  button: {
    font: 'inherit',
    padding: '4px 12px',
    borderRadius: 6,
    border: '1px solid #d0d7de',
    background: '#f6f8fa',
    cursor: 'pointer',
  },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: 13 },
  cell: { borderTop: '1px solid #eaeef2', padding: '3px 8px 3px 0', textAlign: 'left', verticalAlign: 'top' },
  counter: { fontSize: 28, fontWeight: 700, lineHeight: 1.1 },
} satisfies Record<string, CSSProperties>;

const STATUS_COLORS: Record<string, string> = {
  idle: '#6e7781',
  loading: '#0969da',
  active: '#1a7f37',
  refreshing: '#8250df',
  error: '#cf222e',
};

/**
 * Returns the style of a status badge.
 *
 * @param status The controller's status.
 * @returns Its colours.
 */
export function statusBadgeStyle(status: string): CSSProperties {
  const color = STATUS_COLORS[status] ?? '#6e7781';
  return {
    display: 'inline-block',
    padding: '1px 10px',
    borderRadius: 999,
    border: `1px solid ${color}`,
    color,
    fontWeight: 600,
  };
}
