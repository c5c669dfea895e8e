'use client';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { ChatSessionContext } from '../ChatSessionContext.js';
import { useChatSessionContext } from '../useChatSessionContext.js';
import { ChatKitReadinessFallback } from './ChatKitReadinessFallback.js';
import type { ChatKitReadinessState } from './ChatKitReadinessState.js';
import { observeChatKitAsks } from './observeChatKitAsks.js';
import { type UseChatKitReadinessOptions, useChatKitReadiness } from './useChatKitReadiness.js';

/** The props of `ChatKitReadiness`: the hook's options, what to render, and the views while ChatKit is not usable. */
export interface ChatKitReadinessProps extends UseChatKitReadinessOptions {
  /** The part of the app that renders `<ChatKit>`; kept mounted (laid out, invisible) while ChatKit loads, so it can get ready. */
  children?: ReactNode;
  /** Rendered while ChatKit is still loading. Defaults to "Loading the chat…". */
  fallback?: ReactNode;
  /**
   * Renders the view of a problem, given the state (phase, reason, retry); a component or an inline function, called
   * inside one internal component so it may use hooks. Defaults to `ChatKitReadinessFallback`: the reason and a "Try again" button.
   */
  problemFallback?: (props: ChatKitReadinessState) => ReactNode;
}

// One component type for every problemFallback: a new inline function per parent render must not remount the view.
function ProblemView({
  render,
  ...state
}: ChatKitReadinessState & { render: (props: ChatKitReadinessState) => ReactNode }) {
  return render(state);
}

const SHOWN = { display: 'contents' };
// Laid out while it loads: a ChatKit that waits to be on screen (or to have a size) must not wait forever.
const LOADING = { display: 'contents', visibility: 'hidden' } as const;
const HIDDEN = { display: 'none' };

/**
 * Renders its children (the part that renders `<ChatKit>`) once ChatKit is usable, and a fallback with the reason and
 * a retry while it is not: the script failed, `<openai-chatkit>` was never defined, its frame never got ready, it never
 * asked for a credential, it emitted `chatkit.error`, or the session endpoint failed. Inside a `ChatSessionProvider`;
 * it composes with `ChatSessionGate` and Suspense around or inside it.
 *
 * @example
 * <ChatKitReadiness onEvent={report}>
 *   <MyChatKit />
 * </ChatKitReadiness>
 */
export function ChatKitReadiness({
  children,
  fallback = <p>Loading the chat…</p>,
  problemFallback = ChatKitReadinessFallback,
  ...options
}: ChatKitReadinessProps) {
  const context = useChatSessionContext('ChatKitReadiness');
  // ChatKit's hooks below read this context: its actions report each ask for a credential.
  const asks = observeChatKitAsks(context);
  const root = useRef<HTMLDivElement>(null);
  const element = useMemo(
    () => ({
      get current() {
        return root.current?.querySelector('openai-chatkit') ?? null;
      },
    }),
    [],
  );
  const state = useChatKitReadiness(element, options);
  // A retry mounts ChatKit anew: a fresh element loads its frame and asks again.
  const [generation, setGeneration] = useState(0);
  const { retry } = state;
  const retryAll = useCallback(() => {
    retry();
    setGeneration((value) => value + 1);
  }, [retry]);
  const usable = state.phase === 'ready';
  return (
    <>
      {!usable && (
        <div data-chatkit-readiness={state.phase} role={state.phase === 'loading' ? 'status' : 'alert'}>
          {state.phase === 'loading' ? fallback : <ProblemView render={problemFallback} {...state} retry={retryAll} />}
        </div>
      )}
      <div ref={root} key={generation} style={state.phase === 'loading' ? LOADING : usable ? SHOWN : HIDDEN}>
        <ChatSessionContext.Provider value={asks.value}>{children}</ChatSessionContext.Provider>
      </div>
    </>
  );
}
