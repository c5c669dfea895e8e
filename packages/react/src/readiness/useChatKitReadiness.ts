'use client';
import {
  type ChatSessionEnvironment,
  type ChatSessionError,
  createChatSessionEnvironment,
} from '@chatkit-session/core';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useChatSession } from '../useChatSession.js';
import { useChatSessionContext } from '../useChatSessionContext.js';
import type { ChatKitFacts } from './ChatKitFacts.js';
import type { ChatKitReadinessEvent } from './ChatKitReadinessEvent.js';
import type { ChatKitReadinessState, ChatKitReadinessVerdict } from './ChatKitReadinessState.js';
import { decideChatKitReadiness } from './decideChatKitReadiness.js';
import { findChatKitAsks } from './observeChatKitAsks.js';
import { type ChatKitWatch, watchChatKit } from './watchChatKit.js';

/** The options of `useChatKitReadiness`. */
export interface UseChatKitReadinessOptions {
  /**
   * How long each step (the element defined, its frame ready, its first ask for a credential) may take, counted only
   * while the page is visible, before the phase says it stalled. Defaults to `15_000`.
   */
  readonly stallMs?: number | undefined;
  /** Gets each phase change, for the same listener as the session's events. Defaults to none. */
  readonly onEvent?: ((event: ChatKitReadinessEvent) => void) | undefined;
  /** Whose session it is, for the events. Defaults to the enclosing provider's `sessionKey`. */
  readonly sessionKey?: string | null | undefined;
  /** Whether a script URL is ChatKit's. Defaults to a path that ends in `/chatkit.js`. */
  readonly isChatKitScript?: ((src: string) => boolean) | undefined;
  /** The clocks, timers and visibility, for tests; read once. Defaults to the provider's environment. */
  readonly environment?: Partial<ChatSessionEnvironment> | undefined;
}

// The longest delay a timer takes; a longer one fires at once.
const MAX_TIMER_MS = 2 ** 31 - 1;
const isCdnScript = (src: string) => new URL(src, location.href).pathname.endsWith('/chatkit.js');
// Before the watch's first report (the first render, and on a server): loading, the script taken as there.
const INITIAL: ChatKitFacts = {
  script: null,
  hasScript: true,
  defined: false,
  ready: false,
  asked: null,
  stalled: false,
  chatKitError: null,
};
const selectFailure = ({ clientSecret, error }: { clientSecret: string | null; error: ChatSessionError | null }) =>
  error && (clientSecret === null || error.kind === 'refused') ? error : null;

/**
 * Watches ChatKit get onto the page and says why it does not show up: its script failing, `<openai-chatkit>` never
 * defined, its frame never ready, no ask for a credential (inside `ChatKitReadiness`), a `chatkit.error`, or the
 * session endpoint failing. Each timeout counts only while the page is visible; until then the phase is `loading`.
 *
 * @param element The `<openai-chatkit>` element, or the `ref` of `useChatKit` (read when events arrive).
 * @param options The timeout, the event listener and the environment.
 * @returns The phase, its reason, since when, and `retry`.
 * @example
 * const { control, ref } = useChatKit({ api: useChatKitApi() });
 * const { phase, reason } = useChatKitReadiness(ref, { onEvent: report });
 */
export function useChatKitReadiness(
  element: RefObject<Element | null> | Element | null | undefined,
  options: UseChatKitReadinessOptions = {},
): ChatKitReadinessState {
  const context = useChatSessionContext('useChatKitReadiness');
  const { stallMs = 15_000, sessionKey = context.sessionKey } = options;
  // A timer fires at once for NaN, a negative or an over-long delay: a wrong setting would show the fallback at once.
  if (!(stallMs > 0 && stallMs <= MAX_TIMER_MS)) {
    throw new TypeError(
      `useChatKitReadiness: \`stallMs\` must be milliseconds above 0 and at most 2^31 - 1, not ${stallMs}.`,
    );
  }
  const sessionError = useChatSession(selectFailure);
  const [facts, setFacts] = useState(INITIAL);
  const latest = useRef({ element, options });
  latest.current = { element, options };
  // Read when the provider's changes only: an inline `environment={{…}}` must not restart the watch at every render.
  const env = useMemo(
    () => createChatSessionEnvironment({ ...context.environment, ...latest.current.options.environment }),
    [context.environment],
  );
  const watch = useRef<{ current: ChatKitWatch; started: number } | null>(null);
  const asks = findChatKitAsks(context);
  useEffect(() => {
    const current = watchChatKit({
      element: () => {
        const target = latest.current.element;
        return target && 'current' in target ? target.current : target;
      },
      environment: env,
      stallMs,
      isChatKitScript: (src) => (latest.current.options.isChatKitScript ?? isCdnScript)(src),
      seesAsks: asks !== undefined,
      onChange: setFacts,
    });
    watch.current = { current, started: env.monotonicNow() };
    asks?.listeners.add(current.asked);
    return () => {
      asks?.listeners.delete(current.asked);
      current.stop();
    };
  }, [env, stallMs, asks]);
  const verdict = decideChatKitReadiness(facts, sessionError, stallMs);
  const phase = useRef<ChatKitReadinessVerdict & { since: number }>(null);
  if (phase.current?.phase !== verdict.phase) phase.current = { ...verdict, since: env.now() };
  const reported = phase.current;
  useEffect(() => {
    const sinceMs = Math.round(env.monotonicNow() - (watch.current?.started ?? env.monotonicNow()));
    const { phase, reason, since } = reported;
    latest.current.options.onEvent?.({ type: 'readiness', phase, reason, at: since, sinceMs, sessionKey });
  }, [reported, env, sessionKey]);
  const failing = useRef({ sessionError, refresh: context.actions.refresh });
  failing.current = { sessionError, refresh: context.actions.refresh };
  // One function for the life of the component, so an effect that lists it does not run again at every render.
  const [retry] = useState(() => () => {
    watch.current?.current.retry();
    if (failing.current.sessionError) void failing.current.refresh();
  });
  return { ...reported, retry };
}
