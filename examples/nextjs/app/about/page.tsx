import Link from 'next/link';

/** A page without a session, to navigate from: its links render the session pages in the browser. */
export default function AboutPage() {
  return (
    <>
      <h1>About</h1>
      <p>
        This page has no session provider. Follow a link: Next renders the next page in the browser, under{' '}
        <code>app/loading.tsx</code> while the session is on its way.
      </p>
      <ul>
        <li>
          <Link href="/chat" data-testid="link-to-chat">
            The session under loading.tsx
          </Link>
        </li>
        <li>
          <Link href="/">The session with its own Suspense</Link>
        </li>
      </ul>
    </>
  );
}
