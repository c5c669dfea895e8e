/**
 * Returns the React Query key under which a provider keeps the session of one signed-in user.
 *
 * Use it to prefetch or read the session from the cache, for example in a route loader.
 *
 * @param sessionKey The key of the signed-in user, as given to `ChatSessionProvider`.
 * @returns `['chatkit-session', sessionKey]`.
 * @example
 * queryClient.getQueryData(chatSessionQueryKey('user_42'));
 */
export function chatSessionQueryKey(sessionKey: string | null = null): readonly ['chatkit-session', string | null] {
  return ['chatkit-session', sessionKey] as const;
}
