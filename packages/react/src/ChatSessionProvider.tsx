'use client';
import {
  type ChatSessionController,
  type ChatSessionControllerOptions,
  createChatSessionController,
} from '@chatkit-session/core';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ChatSessionContext } from './ChatSessionContext.js';
import { CHAT_SESSION_QUERY_KEY_ROOT, chatSessionQueryKey } from './chatSessionQueryKey.js';
import { mirrorSessionIntoCache, readCachedSession } from './mirrorSessionIntoCache.js';

/** The props of `ChatSessionProvider`: the controller's options, plus who is signed in and which cache to use. */
export interface ChatSessionProviderProps extends ChatSessionControllerOptions {
  /**
   * Who is signed in. A new key drops the old session at once and fetches one for the new user; `null` for an
   * anonymous session. Defaults to `null`.
   */
  sessionKey?: string | null;
  /**
   * The React Query cache that holds the session under `chatSessionQueryKey(sessionKey)`. Defaults to the client of
   * the enclosing `QueryClientProvider`, else one of the provider's own.
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * Keeps the ChatKit session of the signed-in user alive for the components inside it: one controller per provider and
 * `sessionKey`, started in an effect and disposed on unmount or when the key changes. Safe to render on a server,
 * where it starts nothing.
 *
 * @example
 * <ChatSessionProvider
 *   sessionKey={user.id}
 *   fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}
 * >
 *   <App />
 * </ChatSessionProvider>
 */
export function ChatSessionProvider({
  sessionKey = null,
  queryClient,
  children,
  ...options
}: ChatSessionProviderProps) {
  const enclosingClient = useContext(QueryClientContext);
  const [ownClient] = useState(() => new QueryClient());
  const client = queryClient ?? enclosingClient ?? ownClient;
  // The latest options, read when a controller is created and when it fetches; changing them never restarts it.
  const latest = useRef(options);
  latest.current = options;
  // StrictMode disposes a controller in its simulated unmount; a new generation replaces it.
  const [generation, setGeneration] = useState(0);
  const disposed = useRef(new WeakSet<ChatSessionController>());
  const previousKey = useRef(sessionKey);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` replaces a controller StrictMode disposed.
  const controller = useMemo(() => {
    const key = chatSessionQueryKey(sessionKey);
    client.setQueryDefaults([CHAT_SESSION_QUERY_KEY_ROOT], CONTROLLER_OWNS_TIMING);
    return createChatSessionController({
      ...latest.current,
      sessionKey,
      initialSession: latest.current.initialSession ?? readCachedSession(client, key),
      fetchSession: (context) => latest.current.fetchSession(context),
    });
  }, [client, sessionKey, generation]);

  useEffect(() => {
    if (disposed.current.has(controller)) {
      setGeneration((value) => value + 1);
      return;
    }
    // The previous user's secret leaves the cache with them.
    if (previousKey.current !== sessionKey) {
      client.removeQueries({ queryKey: chatSessionQueryKey(previousKey.current), exact: true });
      previousKey.current = sessionKey;
    }
    const stopMirroring = mirrorSessionIntoCache(controller, client, chatSessionQueryKey(sessionKey));
    controller.start();
    return () => {
      stopMirroring();
      controller.dispose();
      disposed.current.add(controller);
    };
  }, [controller, client, sessionKey]);

  // The environment the controller was created with: an inline `environment={{…}}` must not make a new context value
  // (and restart every countdown) on each render.
  const value = useMemo(() => ({ controller, environment: latest.current.environment ?? NO_OVERRIDES }), [controller]);
  return <ChatSessionContext.Provider value={value}>{children}</ChatSessionContext.Provider>;
}

const NO_OVERRIDES = {};

// The controller owns timing and retries for these keys; React Query only holds the value.
const CONTROLLER_OWNS_TIMING = {
  staleTime: Infinity,
  gcTime: Infinity,
  retry: false,
  refetchOnMount: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  refetchInterval: false,
} as const;
