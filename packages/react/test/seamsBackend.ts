import type { FetchSessionContext } from '@chatkit-session/core';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import type { SeamsHarness } from './seamsHarness.js';
import { REQUEST_TIMEOUT_MS, type SeamsScenario } from './seamsScenario.js';

const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/** What the backend of one seed reads and reports to. */
export interface SeamsBackendOptions {
  readonly scenario: SeamsScenario;
  readonly harness: SeamsHarness;
  /** The share of requests in trouble now. */
  readonly faultRate: () => number;
  /** Notes that the session may be short of time until then, as the backend is in trouble. */
  readonly trouble: (untilMs: number) => void;
}

/**
 * The backend, as each user's closure reaches it: a scripted test backend that fails (500, 429 with Retry-After,
 * network) and answers slowly as the scenario draws, and tags each secret with the user it was minted for.
 */
export function createSeamsBackend({ scenario, harness: h, faultRate, trouble }: SeamsBackendOptions) {
  const { lifetimeSeconds, latencyMs } = scenario.config;
  const backend = createTestBackend({ lifetimeSeconds, latencyMs });
  let inflight = 0;
  const fetchers = new Map<string, (context: FetchSessionContext) => Promise<Response>>();
  /** The backend as the provider of one generation reaches it for `key`. */
  const fetchSessionFor = (key: string, generation: number) => {
    let fetcher = fetchers.get(`${key}#${generation}`);
    if (!fetcher) {
      fetcher = async ({ signal, reason }) => {
        // (6) The signed-in user's controller runs on the props of the provider mounted now.
        if (key === h.committedKey && generation !== h.page.generation)
          h.violate(
            '6-unmounted-props',
            `a request for ${key} went to the fetchSession of provider ${generation}, unmounted (provider ${h.page.generation} is mounted)`,
          );
        inflight += 1;
        try {
          const { fault, slowMs } = scenario.nextTrouble(faultRate());
          if (fault || slowMs) trouble(Date.now() + slowMs + REQUEST_TIMEOUT_MS);
          const label = fault
            ? fault.kind === 'status'
              ? `${fault.status}`
              : fault.kind
            : slowMs
              ? `slow ${slowMs} ms`
              : 'ok';
          h.log(`backend: request #${backend.requests + 1} for ${key} (${reason}): ${label}`);
          if (slowMs) await delay(slowMs, signal);
          if (fault) backend.script(fault);
          const answer = backend.fetchSession({ signal, reason });
          h.mintedFor.set(`ek_test_${backend.requests}`, key);
          const response = await answer;
          if (response.ok) h.noteAnswered(key);
          return response;
        } finally {
          inflight -= 1;
        }
      };
      fetchers.set(`${key}#${generation}`, fetcher);
    }
    return fetcher;
  };
  return { expiryOf: (secret: string) => backend.expiryOf(secret), fetchSessionFor, inflight: () => inflight };
}
