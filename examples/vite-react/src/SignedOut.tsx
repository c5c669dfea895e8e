/** The props of `SignedOut`. */
export interface SignedOutProps {
  readonly onSignIn: () => void;
}

/** What the page shows after "Sign out": no provider, no session, no secret left in the cache. */
export function SignedOut({ onSignIn }: SignedOutProps) {
  return (
    <section className="card signed-out" data-testid="signed-out">
      <h2>Signed out</h2>
      <p className="muted">
        <code>reset()</code> dropped the session and removed its secret from the React Query cache, and the provider
        unmounted. Signing in mounts a new provider, which fetches a fresh session.
      </p>
      <button type="button" className="primary" onClick={onSignIn}>
        Sign in again
      </button>
    </section>
  );
}
