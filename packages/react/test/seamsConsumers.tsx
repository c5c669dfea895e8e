import { useEffect } from 'react';
import { useChatSession, usePrefetchChatSession, useSuspenseChatSession } from '../src/index.js';
import { useChatSessionContext } from '../src/useChatSessionContext.js';
import { getSeamsHarness } from './seamsHarness.js';

/** Records a value a render shows: it must belong to the signed-in user and be unexpired. */
function checkRendered(where: string, secret: string | null) {
  if (secret === null) return;
  const h = getSeamsHarness();
  const owner = h.mintedFor.get(secret) ?? 'nobody';
  const leftMs = (h.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
  if (owner !== h.page.key)
    h.violate('2-user', `the ${where} rendered ${secret}, minted for ${owner}, while ${h.page.key} is signed in`);
  if (leftMs <= 0) h.violate('2-expired', `the ${where} rendered ${secret}, expired ${Math.round(-leftMs)} ms ago`);
}

/** Counts the mounted components that read the session with useChatSession. */
function useMountedReader() {
  useEffect(() => {
    getSeamsHarness().mountedReaders += 1;
    return () => {
      getSeamsHarness().mountedReaders -= 1;
    };
  }, []);
}

/** A status badge: renders the session's secret with useChatSession. */
export function StatusBadge() {
  useMountedReader();
  const secret = useChatSession((session) => session.clientSecret);
  const getClientSecret = useChatSession((session) => session.getClientSecret);
  getSeamsHarness().identities.add(getClientSecret);
  checkRendered('badge', secret);
  return <span data-shows="badge">{secret}</span>;
}

// The promises useSuspenseChatSession threw that have settled: React retries a render as soon as its promise settles.
const settledWaits = new WeakSet<Promise<unknown>>();

/** A Suspense consumer: renders the session's secret with useSuspenseChatSession. */
export function SuspenseChat({ renderKey }: { renderKey: string }) {
  useMountedReader();
  const { controller } = useChatSessionContext('SuspenseChat');
  let secret: string;
  getSeamsHarness().renderingSuspense = true;
  try {
    // biome-ignore lint/correctness/useHookAtTopLevel: called on every render; the try only sees what it throws.
    secret = useSuspenseChatSession().clientSecret;
  } catch (thrown) {
    if (typeof (thrown as { then?: unknown })?.then !== 'function') throw thrown;
    // Suspended: the hook asked the controller for a secret, a call as much as ChatKit's.
    getSeamsHarness().noteCall(renderKey, 'suspended');
    // The hook's own call waits on the controller even after this component is gone (it cannot be taken back): the
    // same call at the same moment (the hook asks once the render is over), whose waiting the test can see, stands
    // for it.
    queueMicrotask(() => getSeamsHarness().waitOn(renderKey, controller.getClientSecret()));
    const wait = thrown as Promise<unknown>;
    if (settledWaits.has(wait)) {
      getSeamsHarness().violate(
        '2-suspense-spin',
        'useSuspenseChatSession threw a promise that had already settled: React retries at once, and again, for as long as the state stays (the test waits 100 ms instead, to go on)',
      );
      throw new Promise((resolve) => setTimeout(resolve, 100));
    }
    wait.then(() => settledWaits.add(wait));
    throw wait;
  } finally {
    getSeamsHarness().renderingSuspense = false;
  }
  checkRendered('Suspense consumer', secret);
  return <span data-shows="suspense">{secret}</span>;
}

/** Where the user hovers: hands the harness usePrefetchChatSession's function. */
export function HoverTarget() {
  getSeamsHarness().prefetch = usePrefetchChatSession();
  return null;
}
