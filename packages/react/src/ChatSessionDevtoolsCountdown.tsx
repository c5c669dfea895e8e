'use client';
import { devtoolsStyles } from './devtoolsStyles.js';
import { useSessionCountdown } from './useSessionCountdown.js';

const { term, value } = devtoolsStyles;

function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–';
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Renders the time left and the time until the next renewal as term–value pairs of the devtools' field list; the
 * only part of the devtools that re-renders every second.
 *
 * @example
 * <dl>
 *   <ChatSessionDevtoolsCountdown />
 * </dl>
 */
export function ChatSessionDevtoolsCountdown() {
  const { secondsLeft, secondsUntilRefresh } = useSessionCountdown();
  return (
    <>
      <dt style={term}>Time left</dt>
      <dd style={value}>{formatSeconds(secondsLeft)}</dd>
      <dt style={term}>Next renewal</dt>
      <dd style={value}>
        {secondsUntilRefresh === null ? 'none scheduled' : `in ${formatSeconds(secondsUntilRefresh)}`}
      </dd>
    </>
  );
}
