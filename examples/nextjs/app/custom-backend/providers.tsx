'use client';
import { ChatSessionProvider } from '@chatkit-session/react';
import { ChatSessionDevtools } from '@chatkit-session/react/devtools';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { getQueryClient } from '@/lib/getQueryClient';

/**
 * The browser half of custom-backend mode: the same provider as hosted mode, keeping the app's own token (from
 * `app/api/chatkit/token/route.ts`) instead of a ChatKit session, in a React Query cache of its own (the hosted
 * pages keep the same user's ChatKit session in theirs).
 */
export function CustomBackendProviders({ userId, children }: { userId: string | null; children: ReactNode }) {
  const queryClient = getQueryClient('custom-backend');
  return (
    <QueryClientProvider client={queryClient}>
      <ChatSessionProvider
        sessionKey={userId}
        fetchSession={({ signal, reason }) =>
          fetch('/api/chatkit/token', { method: 'POST', signal, body: JSON.stringify({ reason }) })
        }
      >
        {children}
        {process.env.NODE_ENV === 'development' && <ChatSessionDevtools position="bottom-left" />}
      </ChatSessionProvider>
    </QueryClientProvider>
  );
}
