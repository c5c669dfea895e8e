/**
 * The root loading UI. Next wraps everything under the root layout in a `<Suspense>` with this fallback, so it sits
 * above the session provider of `app/(hosted)/layout.tsx`: on a server and during a client-side navigation it shows
 * while the session is on its way.
 */
export default function Loading() {
  return (
    <p data-testid="route-loading" aria-busy="true">
      Loading…
    </p>
  );
}
