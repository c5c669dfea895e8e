/** The first element of every key under which providers keep sessions. */
export const CHAT_SESSION_QUERY_KEY_ROOT = 'chatkit-session';

/**
 * Returns the React Query key under which a provider keeps the session of one signed-in user.
 *
 * The cached value is `{ session, expiresAt }` (`expiresAt` on the local clock, epoch milliseconds); a provider
 * adopts a valid one without a request, so a server render or a route loader can put it there.
 *
 * @param sessionKey The key of the signed-in user, as given to `ChatSessionProvider`.
 * @returns `['chatkit-session', sessionKey]`.
 * @example
 * queryClient.getQueryData(chatSessionQueryKey('user_42'));
 */
export function chatSessionQueryKey(
  sessionKey: string | null = null,
): readonly [typeof CHAT_SESSION_QUERY_KEY_ROOT, string | null] {
  return [CHAT_SESSION_QUERY_KEY_ROOT, sessionKey] as const;
}
