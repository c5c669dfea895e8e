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
  // The user the call belongs to, and how many switches had committed when it was made.
  const askedFor = h.committedKey;
  const switches = h.switches;
  // A remount unmounts the provider the call was made through: its call is no longer one a mounted provider owes.
  const generation = h.page.generation;
  const orphaned = () => generation !== h.page.generation;
  h.noteCall(askedFor, `chat asks${replacing ? ` replacing ${replacing}` : ''}`);
  h.pendingCalls += 1;
  getClientSecret(replacing).then(
    (secret) => {
      h.pendingCalls -= 1;
      const key = h.committedKey;
      const owner = h.mintedFor.get(secret) ?? 'nobody';
      const leftMs = (h.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
      const failing = h.isFailing(key);
      h.log(`chat got ${secret} (minted for ${owner}) with ${Math.round(leftMs)} ms left${failing ? ', failing' : ''}`);
      if (owner !== askedFor)
        h.violate(
          '1-user',
          `ChatKit got ${secret}, minted for ${owner}, for a call made while ${askedFor} was signed in`,
        );
      if (switches !== h.switches && !orphaned())
        h.violate('1-superseded', `a call made for ${askedFor} resolved after a user switch instead of rejecting`);
      if (secret === replacing) h.violate('1-replaced', `ChatKit, replacing ${secret}, got it back`);
      if (leftMs <= 0 || (leftMs < h.minValidityMs && !failing))
        h.violate(
          '1-validity',
          `ChatKit got ${secret} with ${Math.round(leftMs)} ms left (needs ${h.minValidityMs}${failing ? ', or unexpired while failing' : ''})`,
        );
      if (instance === h.chat.instance) h.chat.secret = secret;
      if (!orphaned()) checkWait(askedAt);
    },
    (error: unknown) => {
      h.pendingCalls -= 1;
      if (!orphaned()) checkWait(askedAt);
      const kind = (error as { kind?: string }).kind ?? String(error);
      h.log(`chat's call rejected: ${kind}`);
      if (kind === 'superseded') {
        if (switches === h.switches)
          h.violate('1-superseded', `a call made for ${askedFor} rejected as superseded with no user switch since`);
        // A ChatKit that is not remounted asks again, for the user signed in now.
        else if (instance === h.chat.instance && h.page.chat && !h.finished)
          askForSecret(getClientSecret, h.chat.secret);
      }
      if (kind === 'disposed' && !h.finished && !orphaned())
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
