'use client';
import {
  assertChatSessionOptions,
  type ChatSessionControllerOptions,
  type ChatSessionCredential,
  type ChatSessionCredentialFields,
  createChatSessionController,
  type InitialChatSession,
} from '@chatkit-session/core';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { type ReactNode, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { bindSessionToCache, readCachedSession } from './bindSessionToCache.js';
import { ChatSessionContext, type ChatSessionContextValue } from './ChatSessionContext.js';
import { CHAT_SESSION_QUERY_KEY_ROOT } from './chatSessionQueryKey.js';
import { createChatSessionActions } from './createChatSessionActions.js';
import { getChatSessionRegistry } from './getChatSessionRegistry.js';

/** The props of `ChatSessionProvider`: the controller's options, plus who is signed in and which cache to use. */
export interface ChatSessionProviderProps<TSession extends ChatSessionCredentialFields = ChatSessionCredential>
  extends ChatSessionControllerOptions<TSession> {
  /**
   * Who is signed in. A new key drops the old user's session from the cache at once and hands out the new user's;
   * `null` for an anonymous session. Defaults to `null`.
   */
  sessionKey?: string | null;
  /**
   * The React Query cache that holds the session under `chatSessionQueryKey(sessionKey)`. Defaults to the client of
   * the enclosing `QueryClientProvider`, else one that every provider without a client shares (a provider that
   * suspends before it mounts keeps nothing of its own, so its controller must live somewhere that lasts). Create your
   * client once per page (a module-level one in the browser), not in `useState` of a component that may suspend
   * before it commits: each new client means a new controller, and a new session request.
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

// Read when rendering, not when this module loads: a test or a tool may install a DOM after importing it.
const isServer = () => typeof document === 'undefined';
// Commits the current controller before any child's effect can call getClientSecret; React 18 warns on a server.
const useCommitEffect = (effect: () => void, deps: readonly unknown[]) =>
  (isServer() ? useEffect : useLayoutEffect)(effect, deps);

/**
 * Keeps the ChatKit session of the signed-in user alive for the components inside it. The controller belongs to the
 * (QueryClient, `sessionKey`) pair: it starts while a provider is mounted, stops when none is, and is disposed (its
 * secret leaving the cache) a grace period later, so StrictMode, Suspense retries and `<Activity>` reuse it. On a
 * server it starts nothing.
 *
 * @example
 * <ChatSessionProvider
 *   sessionKey={user.id}
 *   fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}
 * >
 *   <App />
 * </ChatSessionProvider>
 */
export function ChatSessionProvider<TSession extends ChatSessionCredentialFields = ChatSessionCredential>({
  sessionKey = null,
  queryClient,
  children,
  ...options
}: ChatSessionProviderProps<TSession>) {
  // The controller checks its options once, when it is made, and is given wrappers of the provider's own: the props
  // it runs on are checked here, at each render.
  assertChatSessionOptions(options as unknown as ChatSessionControllerOptions, 'ChatSessionProvider');
  const enclosingClient = useContext(QueryClientContext);
  const client = queryClient ?? enclosingClient ?? getDefaultQueryClient();
  // The latest options, read when a controller is created and when it fetches; changing them never restarts it.
  // The context holds controllers of what they checked; `TSession` only types what the app passes in.
  const latest = useRef(options as unknown as ChatSessionControllerOptions);
  latest.current = options as unknown as ChatSessionControllerOptions;
  // An initial session belongs to the user it was rendered for; after a switch the next user fetches their own.
  const initial = useRef<[key: string | null, value?: InitialChatSession | undefined]>([sessionKey]);
  if (initial.current[1] !== options.initialSession) initial.current = [sessionKey, options.initialSession];
  const create = () => {
    client.setQueryDefaults([CHAT_SESSION_QUERY_KEY_ROOT], CONTROLLER_OWNS_TIMING);
    const own = initial.current[0] === sessionKey ? initial.current[1] : undefined;
    // The controller outlives its provider by a grace period: it runs on the props of the provider mounted now (the
    // one committed last), as a TanStack query runs its latest observer's queryFn, not on those it was created with.
    const owners: Owners = [latest];
    const props = () => (owners.at(-1) as Owners[0]).current;
    const controller = createChatSessionController({
      ...latest.current,
      telemetry: (transition) => props().telemetry?.(transition),
      sessionKey,
      initialSession: own ?? readCachedSession(client, sessionKey),
      fetchSession: (context) => props().fetchSession(context),
    });
    ownersOf.set(controller, owners);
    return controller;
  };
  // A server render registers nothing: no timer may outlive it.
  const onServer = isServer();
  const [serverController] = useState(() => (onServer ? create() : null));
  const registry = onServer ? null : getChatSessionRegistry(client, options.environment);
  const controller = serverController ?? (registry?.get(sessionKey, create) as NonNullable<typeof serverController>);
  const [actions] = useState(() => createChatSessionActions(controller));
  const [bind] = useState(bindSessionToCache);
  const [, rerender] = useState<object>();

  // The user switch commits in the first child's layout effect: before any effect of the new render's children, so
  // their calls belong to the new user.
  const owners = ownersOf.get(controller);
  // Until a provider of this controller has mounted, the one rendering now speaks for it (a Suspense lease).
  if (owners?.length === 1) owners[0] = latest;
  const commitSwitch = (
    <CommitSwitch
      effect={() => {
        actions.use(controller);
        owners?.push(latest);
        return () => {
          owners?.splice(owners.lastIndexOf(latest), 1);
          if (owners) owners[0] = latest;
        };
      }}
      controller={controller}
    />
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `create` reads the latest props; the key decides.
  useEffect(() => {
    if (!registry) return;
    // The cache's rules live in bindSessionToCache: a switch commits here, so the previous user's entry goes now.
    const mirror = bind(client, sessionKey);
    // Rendered long before this commit, the controller may have been disposed meanwhile: render its successor.
    if (registry.get(sessionKey, create) !== controller) return rerender({});
    const release = registry.retain(sessionKey);
    const stopMirroring = mirror(controller);
    return () => {
      stopMirroring();
      release();
    };
  }, [registry, controller, client, sessionKey]);

  // The environment the controller was created with: an inline `environment={{…}}` must not make a new context value
  // (and restart every countdown) on each render.
  const value = useMemo<ChatSessionContextValue>(
    () => ({
      controller,
      environment: latest.current.environment ?? NO_OVERRIDES,
      actions,
      results: new WeakMap(),
      lease: () => registry?.lease(sessionKey),
      sessionKey,
    }),
    [controller, actions, registry, sessionKey],
  );
  return (
    <ChatSessionContext.Provider value={value}>
      {commitSwitch}
      {children}
    </ChatSessionContext.Provider>
  );
}

/**
 * The providers whose props a controller runs on: the last one rendered, then those mounted, in commit order; the
 * last of them speaks for it. One array, not named fields: property names would survive minification.
 */
type Owners = { readonly current: ChatSessionControllerOptions }[];
const ownersOf = new WeakMap<object, Owners>();

/** Runs `effect` when `controller` commits, before the layout effects of the provider's children. */
function CommitSwitch({ effect, controller }: { effect: () => () => void; controller: unknown }) {
  useCommitEffect(effect, [controller]);
  return null;
}

const NO_OVERRIDES = {};

let defaultQueryClient: QueryClient | undefined;
function getDefaultQueryClient(): QueryClient {
  // A server renders many users in one process: there, each render gets a cache of its own.
  if (isServer()) return new QueryClient();
  defaultQueryClient ??= new QueryClient();
  return defaultQueryClient;
}

// The controller owns timing and retries for these keys; React Query only holds the value, which bindSessionToCache
// writes and removes. No `refetchInterval`: React Query sets none by default.
const CONTROLLER_OWNS_TIMING = {
  staleTime: Infinity,
  gcTime: Infinity,
  retry: false,
  refetchOnMount: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
} as const;
