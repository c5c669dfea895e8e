import { Auth0Provider, useAuth0 } from '@auth0/auth0-react';

function Token() {
  const { getAccessTokenSilently, isAuthenticated } = useAuth0();
  return (
    <button type="button" onClick={() => void getAccessTokenSilently()}>
      {String(isAuthenticated)}
    </button>
  );
}

/** Auth0's React SDK with refresh tokens: `getAccessTokenSilently` renews lazily. */
export function App() {
  return (
    <Auth0Provider domain="tenant.auth0.com" clientId="app" useRefreshTokens>
      <Token />
    </Auth0Provider>
  );
}
