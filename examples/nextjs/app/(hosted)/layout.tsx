import type { ReactNode } from 'react';
import { DEMO_USER_ID } from '@/lib/demoUser';
import { Providers } from '../providers';

/**
 * The layout of the hosted-mode pages: it renders the client `Providers` with the signed-in user's id. In most apps
 * the root layout does this; here a route group does, so that the About page has no session and `app/loading.tsx`
 * is a `<Suspense>` above the provider.
 */
export default function HostedLayout({ children }: { children: ReactNode }) {
  return <Providers userId={DEMO_USER_ID}>{children}</Providers>;
}
