'use client';
import { useId, useState } from 'react';
import { ChatSessionDevtoolsPanel } from './ChatSessionDevtoolsPanel.js';
import {
  type ChatSessionDevtoolsPosition,
  devtoolsStyles,
  getDevtoolsContainerStyle,
  getStatusDotStyle,
} from './devtoolsStyles.js';
import { useChatSession } from './useChatSession.js';
import { useChatSessionTimeline } from './useChatSessionTimeline.js';

/** The props of `ChatSessionDevtools`. */
export interface ChatSessionDevtoolsProps {
  /** Whether the panel starts open; the toggle button opens and closes it. Defaults to `false`. */
  initialIsOpen?: boolean;
  /** The corner of the viewport the toggle button and the panel sit in. Defaults to `'bottom-right'`. */
  position?: ChatSessionDevtoolsPosition;
  /** How many timeline entries to keep; the oldest are dropped first. Defaults to `50`. */
  maxEvents?: number;
}

/**
 * Renders a small panel that shows what the nearest provider's session is doing: its status, time left, next renewal,
 * failed attempts, last error, the masked secret, and a timeline of renewals and failures, with a button to renew
 * now. The timeline records from the moment the devtools mount, open or closed; only the open panel ticks.
 *
 * @example
 * import { ChatSessionDevtools } from '@chatkit-session/react/devtools';
 *
 * <ChatSessionProvider fetchSession={fetchSession}>
 *   <App />
 *   {import.meta.env.DEV && <ChatSessionDevtools position="bottom-left" />}
 * </ChatSessionProvider>
 */
export function ChatSessionDevtools({
  initialIsOpen = false,
  position = 'bottom-right',
  maxEvents = 50,
}: ChatSessionDevtoolsProps) {
  const [isOpen, setIsOpen] = useState(initialIsOpen);
  const status = useChatSession((session) => session.status);
  const events = useChatSessionTimeline({ maxEvents });
  const panelId = useId();
  return (
    <section aria-label="ChatKit session devtools" style={getDevtoolsContainerStyle(position)}>
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? panelId : undefined}
        style={devtoolsStyles.button}
        onClick={() => setIsOpen((open) => !open)}
      >
        <span aria-hidden="true" style={getStatusDotStyle(status)} />
        {`ChatKit session: ${status}`}
      </button>
      {isOpen && <ChatSessionDevtoolsPanel id={panelId} events={events} />}
    </section>
  );
}
