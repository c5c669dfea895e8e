import { CustomBackendChat } from '@/components/CustomBackendChat';
import { SessionStatus } from '@/components/SessionStatus';
import { DEMO_USER_ID } from '@/lib/demoUser';
import { CustomBackendProviders } from './providers';

/** Custom-backend mode: ChatKit talks to the app's own server with the app's own token. */
export default function CustomBackendPage() {
  return (
    <CustomBackendProviders userId={DEMO_USER_ID}>
      <h1>Custom backend</h1>
      <p>
        The token comes from <code>app/api/chatkit/token/route.ts</code>; <code>app/api/chatkit/route.ts</code> stands
        in for your ChatKit server and checks it on every request.
      </p>
      <SessionStatus />
      <CustomBackendChat />
    </CustomBackendProviders>
  );
}
