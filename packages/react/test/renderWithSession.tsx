import type { ChatSessionProviderProps } from '@chatkit-session/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import { createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import { ChatSessionProvider } from '../src/index.js';

/**
 * Renders `ui` inside a `ChatSessionProvider` on a fresh `QueryClient`, a scripted backend and an environment on
 * Vitest's fake timers.
 */
export function renderWithSession(
  ui: ReactNode,
  {
    lifetimeSeconds = 600,
    latencyMs = 50,
    ...props
  }: Partial<ChatSessionProviderProps> & {
    lifetimeSeconds?: number;
    latencyMs?: number;
  } = {},
) {
  const env = createTestEnvironment();
  const backend = createTestBackend({ lifetimeSeconds, latencyMs });
  const queryClient = new QueryClient();
  const tree = (node: ReactNode, extra: Partial<ChatSessionProviderProps> = {}) => (
    <QueryClientProvider client={queryClient}>
      <ChatSessionProvider fetchSession={backend.fetchSession} environment={env.environment} {...props} {...extra}>
        {node}
      </ChatSessionProvider>
    </QueryClientProvider>
  );
  const result = render(tree(ui));
  return {
    ...result,
    env,
    backend,
    queryClient,
    rerenderWith: (node: ReactNode, extra: Partial<ChatSessionProviderProps> = {}) =>
      result.rerender(tree(node, extra)),
  };
}
