import { SessionProvider, useSession } from 'next-auth/react';

function Token() {
  const { data, status } = useSession();
  return <output data-status={status}>{data?.expires}</output>;
}

/** next-auth's client: the session provider polling its endpoint, and `useSession`. */
export function App() {
  return (
    <SessionProvider refetchInterval={300} refetchOnWindowFocus>
      <Token />
    </SessionProvider>
  );
}
