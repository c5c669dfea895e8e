import {
  type ChatSessionEnvironment,
  type ChatSessionRegistry,
  createChatSessionEnvironment,
  createChatSessionRegistry,
} from '@chatkit-session/core';
import type { QueryClient } from '@tanstack/react-query';
import { removeCachedSession } from './bindSessionToCache.js';

const registries = new WeakMap<QueryClient, ChatSessionRegistry>();

/**
 * Returns the registry of session controllers that belongs to a React Query cache: a controller lives per
 * (cache, `sessionKey`), like the session it writes there.
 *
 * @param client The cache.
 * @param environment The timers for the grace period (the first provider's).
 * @returns The registry.
 */
export function getChatSessionRegistry(
  client: QueryClient,
  environment?: Partial<ChatSessionEnvironment>,
): ChatSessionRegistry {
  let registry = registries.get(client);
  if (!registry) {
    registry = createChatSessionRegistry({
      environment: createChatSessionEnvironment(environment),
      onEvict: (key) => removeCachedSession(client, key),
    });
    registries.set(client, registry);
  }
  return registry;
}
