import { AuthProvider, useAuth } from 'react-oidc-context';

function Token() {
  const auth = useAuth();
  return <output data-loading={auth.isLoading}>{auth.user?.access_token}</output>;
}

/** react-oidc-context with oidc-client-ts, renewing silently. */
export function App() {
  return (
    <AuthProvider
      authority="https://issuer.example"
      client_id="app"
      redirect_uri="https://app.example/cb"
      automaticSilentRenew
    >
      <Token />
    </AuthProvider>
  );
}
