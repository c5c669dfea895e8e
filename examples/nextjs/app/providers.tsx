'use client';
import { ChatSessionProvider } from '@chatkit-session/react';
import { ChatSessionDevtools } from '@chatkit-session/react/devtools';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { getQueryClient } from '@/lib/getQueryClient';

/**
 * The browser half of hosted mode: a React Query client and the session provider. A client file, because the
 * provider and the hooks run in the browser; a server layout renders it (here `app/(hosted)/layout.tsx`).
 */
export function Providers({ userId, children }: { userId: string | null; children: ReactNode }) {
  // Not `useState(() => new QueryClient())`: app/loading.tsx is above this provider (see lib/getQueryClient.ts).
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <ChatSessionProvider
        sessionKey={userId}
        fetchSession={({ signal, reason }) =>
          fetch('/api/chatkit/session', { method: 'POST', signal, body: JSON.stringify({ reason }) })
        }
      >
        {children}
        {process.env.NODE_ENV === 'development' && <ChatSessionDevtools position="bottom-left" />}
      </ChatSessionProvider>
    </QueryClientProvider>
  );
}
