import { useEffect } from 'react';
import { SECOND } from '../../core/test/lifecycleScenario.js';
import { useChatKitApi } from '../src/index.js';
import { getSeamsHarness } from './seamsHarness.js';
import { REQUEST_TIMEOUT_MS } from './seamsScenario.js';

/**
 * A call is answered, or rejected, within one request's time of when it was made or of the last user switch: a call
 * waiting when the user changes is answered for the new user as soon as the new user's session is there.
 */
function checkWait(askedAt: number) {
  const h = getSeamsHarness();
  const since = Math.max(askedAt, h.switchedAt);
  const waitedMs = performance.now() - since;
  // A session that lands after a sleep too late to use is fetched again: a sleep in between, or one during a request
  // the call may have joined when it asked, allows a second request.
  const sleptOnJoined = h.sleptInFlightAt >= since - REQUEST_TIMEOUT_MS;
  const requests = h.sleptAt >= since || sleptOnJoined ? 2 : 1;
  // Once everything is unmounted, waiting calls are rejected when the controller goes, a grace period later.
  if (!h.finished && waitedMs > requests * REQUEST_TIMEOUT_MS + SECOND)
    h.violate('1-waited', `a getClientSecret call waited ${Math.round(waitedMs)} ms of running time for its answer`);
}

/** Asks for a secret as ChatKit does, and checks the answer when it arrives. */
export function askForSecret(getClientSecret: (current?: string | null) => Promise<string>, replacing: string | null) {
  const h = getSeamsHarness();
  const instance = h.chat.instance;
  // Timer time, which a sleep does not advance: how long the page ran while the call waited.
  const askedAt = performance.now();
  h.noteCall(h.committedKey, `chat asks${replacing ? ` replacing ${replacing}` : ''}`);
  h.pendingCalls += 1;
  getClientSecret(replacing).then(
    (secret) => {
      h.pendingCalls -= 1;
      const key = h.committedKey;
      const owner = h.mintedFor.get(secret) ?? 'nobody';
      const leftMs = (h.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
      const failing = h.isFailing(key);
      h.log(`chat got ${secret} (minted for ${owner}) with ${Math.round(leftMs)} ms left${failing ? ', failing' : ''}`);
      if (owner !== key) h.violate('1-user', `ChatKit got ${secret}, minted for ${owner}, while ${key} is signed in`);
      if (secret === replacing) h.violate('1-replaced', `ChatKit, replacing ${secret}, got it back`);
      if (leftMs <= 0 || (leftMs < h.minValidityMs && !failing))
        h.violate(
          '1-validity',
          `ChatKit got ${secret} with ${Math.round(leftMs)} ms left (needs ${h.minValidityMs}${failing ? ', or unexpired while failing' : ''})`,
        );
      if (instance === h.chat.instance) h.chat.secret = secret;
      checkWait(askedAt);
    },
    (error: unknown) => {
      h.pendingCalls -= 1;
      checkWait(askedAt);
      const kind = (error as { kind?: string }).kind ?? String(error);
      h.log(`chat's call rejected: ${kind}`);
      if (kind === 'disposed' && !h.finished)
        h.violate('4-disposed', 'a getClientSecret call was rejected as `disposed` while the provider was mounted');
    },
  );
}

/** Stands in for `<ChatKit>`: takes `useChatKitApi()` and asks for a secret when it mounts (again when shown). */
export function ChatKitStandIn() {
  const { getClientSecret } = useChatKitApi();
  const h = getSeamsHarness();
  h.identities.add(getClientSecret);
  h.chat.getClientSecret = getClientSecret;
  useEffect(() => askForSecret(getClientSecret, null), [getClientSecret]);
  return null;
}
