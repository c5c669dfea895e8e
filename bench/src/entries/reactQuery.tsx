import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';

const client = new QueryClient();
const createSession = async () =>
  (await (await fetch('/api/chatkit/session', { method: 'POST' })).json()) as { client_secret: string };

function Token() {
  const { data } = useQuery({ queryKey: ['chatkit-session'], queryFn: createSession, refetchInterval: 540_000 });
  return <output>{data?.client_secret}</output>;
}

/** TanStack Query alone, polling a session endpoint: the reference for what the peer weighs. */
export function App() {
  return (
    <QueryClientProvider client={client}>
      <Token />
    </QueryClientProvider>
  );
}
