import type { ChatSessionEnvironment, FetchSessionContext } from '@chatkit-session/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { Activity, Component, type ReactNode, StrictMode, Suspense, useEffect, useLayoutEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend, type TestFault } from '../../core/test/createTestBackend.js';
import { createRandom, createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import { getChatSessionRegistry } from './getChatSessionRegistry.js';
import {
  ChatSessionProvider,
  useChatKitApi,
  useChatSession,
  usePrefetchChatSession,
  useSuspenseChatSession,
} from './index.js';
import { useChatSessionContext } from './useChatSessionContext.js';

/*
 * A seeded property test of the seams between the provider, its hooks and React: per seed, two simulated hours of a
 * small app (StrictMode or not) whose page mounts, hides (<Activity>) and shows a ChatKit stand-in, a status badge and a
 * Suspense consumer, hovers (prefetch), switches between two or three users, hides the tab, sleeps the laptop, and meets
 * a backend that fails (500, 429 with Retry-After, network) and answers slowly. A failure names each broken invariant
 * once, with the seeds that broke it and the first one's trace. PROPERTY_SEEDS=400 searches deeper, PROPERTY_SEED=<n>
 * replays one seed, PROPERTY_DEBUG=1 prints its whole trace as it runs.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
// 40 in every run; PROPERTY_SEEDS searches deeper.
const SEEDS = Number(process.env.PROPERTY_SEEDS) || 40;
// PROPERTY_SEED replays one seed (the one a failure names).
const FIRST_SEED = Number(process.env.PROPERTY_SEED) || 1;
const LAST_SEED = Number(process.env.PROPERTY_SEED) || SEEDS;
// Seeds past the default run that found defects, replayed in every run: 111 and 135 (a secret ChatKit was replacing, handed
// back after a switch to another user and back).
const REGRESSION_SEEDS = process.env.PROPERTY_SEED ? [] : [111, 135];
const RUN_MS = 2 * HOUR;
const TRACE_LINES = 40;
const START = new Date('2026-11-26T12:00:00Z');
// An odd request timeout, so that the timer a controller arms when it sends a request tells which controller sent it.
const REQUEST_TIMEOUT_MS = 15_013;
// The registry's grace period and more: after it, nothing of an unmounted provider may be left.
const AFTER_EVERYTHING = 10 * MINUTE;
// What "at once" means for a request: the same task, give or take the millisecond a release takes to lapse.
const SLACK_MS = 5;
// Read before any test fakes the timers: a real turn of the event loop lets Node report unhandled rejections.
const realSetImmediate = globalThis.setImmediate;

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** What the seeded app renders at a moment: who is signed in and which consumers are on the page. */
interface Page {
  key: string;
  /** The ChatKit stand-in is mounted… */
  chat: boolean;
  /** …and its `<Activity>` is visible. */
  shown: boolean;
  badge: boolean;
  suspense: boolean;
}

/** What the components of one seed report to, and what the invariants read. */
interface Harness {
  page: Page;
  /** The sessionKey of the last commit (set in a layout effect, with the provider's own). */
  committedKey: string;
  /** When it was committed, in timer time. */
  switchedAt: number;
  /** When the laptop last slept, in timer time. */
  sleptAt: number;
  lifetimeMs: number;
  minValidityMs: number;
  /** Which user each secret the backend minted was minted for (the key the provider was rendered with). */
  mintedFor: Map<string, string>;
  expiryOf: (secret: string) => number | undefined;
  /** Whether the controller of `key` is failing right now (its state carries an error). */
  isFailing: (key: string) => boolean;
  log: (line: string) => void;
  violate: (kind: string, message: string) => void;
  noteCall: (key: string, why: string) => void;
  /** Counts a call waiting on the controller of `key` until it settles. */
  waitOn: (key: string, call: Promise<unknown>) => void;
  /** Every `getClientSecret` function handed out by this provider. */
  identities: Set<unknown>;
  /** The stand-in's `getClientSecret` and the secret it holds (`null` when a new stand-in mounts). */
  chat: {
    getClientSecret: ((current?: string | null) => Promise<string>) | null;
    secret: string | null;
    instance: number;
  };
  prefetch: (() => Promise<void>) | null;
  pendingCalls: number;
  finished: boolean;
  /** Whether useSuspenseChatSession is running in a render. */
  renderingSuspense: boolean;
  mountedReaders: number;
}

// One seed runs at a time; its components report here.
let harness: Harness;

/**
 * A call is answered, or rejected, within one request's time of when it was made or of the last user switch: a call
 * waiting when the user changes is answered for the new user as soon as the new user's session is there.
 */
function checkWait(askedAt: number) {
  const h = harness;
  const since = Math.max(askedAt, h.switchedAt);
  const waitedMs = performance.now() - since;
  // A session that lands after a sleep too late to use is fetched again: a sleep in between allows a second request.
  const requests = h.sleptAt >= since ? 2 : 1;
  // Once everything is unmounted, waiting calls are rejected when the controller goes, a grace period later.
  if (!h.finished && waitedMs > requests * REQUEST_TIMEOUT_MS + SECOND)
    h.violate('1-waited', `a getClientSecret call waited ${Math.round(waitedMs)} ms of running time for its answer`);
}

/** Asks for a secret as ChatKit does, and checks the answer when it arrives. */
function askForSecret(getClientSecret: (current?: string | null) => Promise<string>, replacing: string | null) {
  const h = harness;
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
function ChatKitStandIn() {
  const { getClientSecret } = useChatKitApi();
  harness.identities.add(getClientSecret);
  harness.chat.getClientSecret = getClientSecret;
  useEffect(() => askForSecret(getClientSecret, null), [getClientSecret]);
  return null;
}

/** Records a value a render shows: it must belong to the signed-in user and be unexpired. */
function checkRendered(where: string, secret: string | null) {
  if (secret === null) return;
  const h = harness;
  const owner = h.mintedFor.get(secret) ?? 'nobody';
  const leftMs = (h.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - Date.now();
  if (owner !== h.page.key)
    h.violate('2-user', `the ${where} rendered ${secret}, minted for ${owner}, while ${h.page.key} is signed in`);
  if (leftMs <= 0) h.violate('2-expired', `the ${where} rendered ${secret}, expired ${Math.round(-leftMs)} ms ago`);
}

/** Counts the mounted components that read the session with useChatSession. */
function useMountedReader() {
  useEffect(() => {
    harness.mountedReaders += 1;
    return () => {
      harness.mountedReaders -= 1;
    };
  }, []);
}

function StatusBadge() {
  useMountedReader();
  const secret = useChatSession((session) => session.clientSecret);
  const getClientSecret = useChatSession((session) => session.getClientSecret);
  harness.identities.add(getClientSecret);
  checkRendered('badge', secret);
  return <span data-shows="badge">{secret}</span>;
}

// The promises useSuspenseChatSession threw that have settled: React retries a render as soon as its promise settles.
const settledWaits = new WeakSet<Promise<unknown>>();

function SuspenseChat({ renderKey }: { renderKey: string }) {
  useMountedReader();
  const { controller } = useChatSessionContext('SuspenseChat');
  let secret: string;
  harness.renderingSuspense = true;
  try {
    // biome-ignore lint/correctness/useHookAtTopLevel: called on every render; the try only sees what it throws.
    secret = useSuspenseChatSession().clientSecret;
  } catch (thrown) {
    if (typeof (thrown as { then?: unknown })?.then !== 'function') throw thrown;
    // Suspended: the hook asked the controller for a secret, a call as much as ChatKit's.
    harness.noteCall(renderKey, 'suspended');
    // The hook's own call waits on the controller even after this component is gone (it cannot be taken back): the
    // same call at the same moment (the hook asks once the render is over), whose waiting the test can see, stands
    // for it.
    queueMicrotask(() => harness.waitOn(renderKey, controller.getClientSecret()));
    const wait = thrown as Promise<unknown>;
    if (settledWaits.has(wait)) {
      harness.violate(
        '2-suspense-spin',
        'useSuspenseChatSession threw a promise that had already settled: React retries at once, and again, for as long as the state stays (the test waits 100 ms instead, to go on)',
      );
      throw new Promise((resolve) => setTimeout(resolve, 100));
    }
    wait.then(() => settledWaits.add(wait));
    throw wait;
  } finally {
    harness.renderingSuspense = false;
  }
  checkRendered('Suspense consumer', secret);
  return <span data-shows="suspense">{secret}</span>;
}

function HoverTarget() {
  harness.prefetch = usePrefetchChatSession();
  return null;
}

/** Listens to the current controller (holding nothing): it must not notify while a component renders. */
function RenderWatcher() {
  const { controller } = useChatSessionContext('RenderWatcher');
  useLayoutEffect(
    () =>
      controller.subscribe(() => {
        // React warns when that reaches a mounted component's useSyncExternalStore (the badge, a committed consumer).
        if (harness.renderingSuspense && harness.mountedReaders > 0)
          harness.violate(
            'react-update-in-render',
            'the controller notified mounted useChatSession readers while useSuspenseChatSession rendered (React: "Cannot update a component while rendering a different component")',
          );
      }),
    [controller],
  );
  return null;
}

function KeyProbe({ renderKey }: { renderKey: string }) {
  useLayoutEffect(() => {
    const h = harness;
    if (h.committedKey === renderKey) return;
    // ChatKit's calls still waiting are answered by the new user's controller from now on: they ask it.
    if (h.pendingCalls > 0) h.noteCall(renderKey, 're-asked after the switch');
    h.committedKey = renderKey;
    h.switchedAt = performance.now();
  }, [renderKey]);
  return null;
}

class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    harness.violate('error', `a component threw ${String(error)}`);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

const holdersOf = (page: Page, key: string) =>
  page.key === key && ((page.chat && page.shown) || page.badge || page.suspense);

const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/**
 * Runs two simulated hours of one seed: a provider (StrictMode or not) whose page mounts, hides and shows a ChatKit
 * stand-in, a status badge and a Suspense consumer, hovers, switches users, hides the tab, sleeps, and meets a backend
 * that fails, rate-limits and answers slowly. Returns what broke, each with the seed and the end of the trace.
 */
async function runSeed(seed: number): Promise<Map<string, string>> {
  vi.useFakeTimers({ now: START });
  const random = createRandom(seed * 104_729 + 7);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const strict = random() < 0.5;
  const keys = ['alice', 'bob', 'carol'].slice(0, random() < 0.5 ? 2 : 3);
  const lifetimeSeconds = pick([600, 600, 300, 120, 60]);
  const latencyMs = 20 + Math.floor(random() * 1500);
  const baseFaultRate = 0.25 * random();
  let faultRate = baseFaultRate;
  const env = createTestEnvironment({ seed });
  const backend = createTestBackend({ lifetimeSeconds, latencyMs });
  const queryClient = new QueryClient();

  const start = Date.now();
  const trace: string[] = [];
  const problems = new Map<string, string>();
  const header = `seed ${seed} (StrictMode ${strict ? 'on' : 'off'}, users ${keys.join('/')}, lifetime ${lifetimeSeconds} s, latency ${latencyMs} ms)`;
  const log = (line: string) => {
    if (process.env.PROPERTY_DEBUG) process.stdout.write(`${((Date.now() - start) / SECOND).toFixed(3)} s  ${line}\n`);
    trace.push(`${((Date.now() - start) / SECOND).toFixed(3)} s  ${line}`);
    if (trace.length > TRACE_LINES) trace.shift();
  };
  const violate = (kind: string, message: string) => {
    const at = `${((Date.now() - start) / SECOND).toFixed(3)} s`;
    if (!problems.has(kind)) problems.set(kind, `${header}, at ${at}: ${message}\n    ${trace.join('\n    ')}`);
  };

  const lastCallAt = new Map<string, number>();
  const lastPrefetchAt = new Map<string, number>();
  const holdEndedAt = new Map<string, number>();
  const lastRequestEndAt = new Map<string, number>();
  const waiting = new Map<string, number>();
  const heldSince = new Map<string, number>();
  // Until when the session may be short of time for reasons of the test's making: a switch, the tab hidden or shown,
  // a sleep, a backend fault or slow answer (and the retries after it).
  let troubledUntil = Number.NEGATIVE_INFINITY;
  const trouble = (untilMs: number) => {
    troubledUntil = Math.max(troubledUntil, untilMs);
  };
  const page: Page = {
    key: keys[0] as string,
    chat: random() < 0.5,
    shown: true,
    badge: random() < 0.3,
    suspense: random() < 0.3,
  };
  const h: Harness = {
    page,
    committedKey: page.key,
    switchedAt: performance.now(),
    sleptAt: Number.NEGATIVE_INFINITY,
    lifetimeMs: lifetimeSeconds * SECOND,
    minValidityMs: Math.min(MINUTE, ((lifetimeSeconds - 1) * SECOND) / 4),
    mintedFor: new Map(),
    expiryOf: (secret) => backend.expiryOf(secret),
    isFailing(key) {
      try {
        const controller = getChatSessionRegistry(queryClient).get(key, () => {
          throw new Error('no controller');
        });
        return controller.getState().error !== null;
      } catch {
        return false;
      }
    },
    log,
    violate,
    noteCall(key, why) {
      lastCallAt.set(key, Date.now());
      log(`${why} (for ${key})`);
    },
    waitOn(key, call) {
      waiting.set(key, (waiting.get(key) ?? 0) + 1);
      const settle = () => waiting.set(key, (waiting.get(key) ?? 0) - 1);
      call.then(settle, settle);
    },
    identities: new Set(),
    chat: { getClientSecret: null, secret: null, instance: 0 },
    prefetch: null,
    pendingCalls: 0,
    finished: false,
    renderingSuspense: false,
    mountedReaders: 0,
  };
  harness = h;

  // (3) Each controller is created with its user's environment: the timer it arms when it sends a request says whose.
  const environments = new Map<string, ChatSessionEnvironment>();
  const environmentFor = (key: string) => {
    let environment = environments.get(key);
    if (!environment) {
      const requestTimers = new Set<unknown>();
      environment = {
        ...env.environment,
        setTimeout: (callback, ms) => {
          if (ms === REQUEST_TIMEOUT_MS) onRequest(key);
          const handle = env.environment.setTimeout(callback, ms);
          if (ms === REQUEST_TIMEOUT_MS) requestTimers.add(handle);
          return handle;
        },
        clearTimeout: (handle) => {
          if (requestTimers.delete(handle)) lastRequestEndAt.set(key, Date.now());
          env.environment.clearTimeout(handle);
        },
      };
      environments.set(key, environment);
    }
    return environment;
  };
  const onRequest = (owner: string) => {
    const now = Date.now();
    if (h.finished || holdersOf(page, owner)) return;
    // A call still waiting needs an answer, whoever made it and however long ago.
    if ((waiting.get(owner) ?? 0) > 0 || (owner === h.committedKey && h.pendingCalls > 0)) return;
    const sinceHold = now - (holdEndedAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    const sinceCall = now - (lastCallAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    const sincePrefetch = now - (lastPrefetchAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    const sinceRequest = now - (lastRequestEndAt.get(owner) ?? Number.NEGATIVE_INFINITY);
    // A prefetch's own request goes out at once; a release lets the session lapse a millisecond later; a session that
    // lands too late to use (the laptop slept) is fetched again at once for the call still waiting on it.
    const atOnce = Math.min(sinceHold, sincePrefetch, sinceRequest) <= SLACK_MS;
    if (!atOnce && sinceCall >= h.lifetimeMs) {
      // usePrefetchChatSession is documented not to keep the session renewed: told apart, as it is a narrower finding.
      const afterPrefetch = sincePrefetch < h.lifetimeMs;
      violate(
        afterPrefetch ? '3-economy-after-prefetch' : '3-economy',
        `${owner}'s controller sent a request with nothing holding it and no call within a lifetime (${h.lifetimeMs} ms): last holder left ${sinceHold} ms ago, last call ${sinceCall} ms ago, last prefetch ${sincePrefetch} ms ago`,
      );
    }
  };

  // The backend, as each user's closure reaches it: it tags each secret with the user it was minted for.
  let inflight = 0;
  const fetchers = new Map<string, (context: FetchSessionContext) => Promise<Response>>();
  const fetchSessionFor = (key: string) => {
    let fetcher = fetchers.get(key);
    if (!fetcher) {
      fetcher = async ({ signal, reason }) => {
        inflight += 1;
        try {
          let fault: TestFault | undefined;
          let slowMs = 0;
          if (random() < faultRate) {
            const kind = pick(['500', '429', 'network', 'slow', 'slow'] as const);
            if (kind === '500') fault = { kind: 'status', status: 500 };
            if (kind === '429')
              fault = {
                kind: 'status',
                status: 429,
                headers: { 'retry-after': String(1 + Math.floor(random() * 30)) },
              };
            if (kind === 'network') fault = { kind: 'network' };
            if (kind === 'slow') slowMs = 2 * SECOND + Math.floor(random() * 20 * SECOND);
          }
          if (fault || slowMs) trouble(Date.now() + slowMs + REQUEST_TIMEOUT_MS);
          const label = fault
            ? fault.kind === 'status'
              ? `${fault.status}`
              : fault.kind
            : slowMs
              ? `slow ${slowMs} ms`
              : 'ok';
          log(`backend: request #${backend.requests + 1} for ${key} (${reason}): ${label}`);
          if (slowMs) await delay(slowMs, signal);
          if (fault) backend.script(fault);
          const answer = backend.fetchSession({ signal, reason });
          h.mintedFor.set(`ek_test_${backend.requests}`, key);
          return await answer;
        } finally {
          inflight -= 1;
        }
      };
      fetchers.set(key, fetcher);
    }
    return fetcher;
  };

  const app = () => {
    const tree = (
      <QueryClientProvider client={queryClient}>
        <ChatSessionProvider
          sessionKey={page.key}
          fetchSession={fetchSessionFor(page.key)}
          environment={environmentFor(page.key)}
          requestTimeoutMs={REQUEST_TIMEOUT_MS}
          onEvent={(event) => log(`event ${event.type}${event.reason ? ` (${event.reason})` : ''}`)}
        >
          <ErrorBoundary>
            <KeyProbe renderKey={page.key} />
            <RenderWatcher />
            <HoverTarget />
            {page.badge && <StatusBadge />}
            {page.suspense && (
              <Suspense fallback={<span data-shows="fallback" />}>
                <SuspenseChat renderKey={page.key} />
              </Suspense>
            )}
            {page.chat && (
              <Activity mode={page.shown ? 'visible' : 'hidden'}>
                <ChatKitStandIn />
              </Activity>
            )}
          </ErrorBoundary>
        </ChatSessionProvider>
      </QueryClientProvider>
    );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };

  const onUnhandled = (reason: unknown) => violate('5-unhandled', `an unhandled rejection: ${String(reason)}`);
  process.on('unhandledRejection', onUnhandled);
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const [format, ...values] = args.map(String);
    let i = 0;
    const message = (format ?? '').replace(/%s/g, () => values[i++] ?? '');
    log(`console.error: ${message.slice(0, 200)}`);
    violate('react-error', `React reported: ${message.slice(0, 300)}`);
  });

  log(
    `mount: ${page.key}${page.chat ? ', ChatKit' : ''}${page.badge ? ', badge' : ''}${page.suspense ? ', Suspense' : ''}`,
  );
  if (page.chat) h.chat.instance += 1;
  if (holdersOf(page, page.key)) heldSince.set(page.key, start);
  const view = render(app());

  /** Changes the page and commits it, noting when a user's last holder left. */
  const change = async (what: string, edit: () => void) => {
    const before = new Map(keys.map((key) => [key, holdersOf(page, key)]));
    const key = page.key;
    edit();
    if (page.key !== key) trouble(Date.now());
    for (const key of keys) {
      if (before.get(key) && !holdersOf(page, key)) holdEndedAt.set(key, Date.now());
      if (!before.get(key) && holdersOf(page, key)) heldSince.set(key, Date.now());
    }
    log(what);
    await act(async () => view.rerender(app()));
  };

  /** (2) What the page shows after each step belongs to the signed-in user. */
  const checkShown = () => {
    for (const element of view.container.querySelectorAll('[data-shows]')) {
      const secret = element.textContent;
      // A boundary that suspends again keeps its last content in the DOM, hidden, until the new one is ready.
      if (!secret || element.closest('[style*="display: none"]')) continue;
      const owner = h.mintedFor.get(secret) ?? 'nobody';
      if (owner !== h.committedKey)
        violate('2-user', `the page shows ${secret}, minted for ${owner}, while ${h.committedKey} is signed in`);
    }
  };

  /**
   * (3, the other side) Renewed while held: a session something has held for a lifetime on a visible page, with no
   * switch, sleep or backend trouble in that time, always has at least minValidityMs left.
   */
  const checkRenewed = () => {
    const now = Date.now();
    const key = page.key;
    if (!holdersOf(page, key) || !env.environment.isVisible()) return;
    const since = Math.min(now - (heldSince.get(key) ?? now), now - troubledUntil);
    if (since < h.lifetimeMs) return;
    let secret: string | null = null;
    try {
      secret = getChatSessionRegistry(queryClient)
        .get(key, () => {
          throw new Error('no controller');
        })
        .getState().clientSecret;
    } catch {}
    const leftMs = secret === null ? Number.NEGATIVE_INFINITY : (h.expiryOf(secret) ?? Number.NEGATIVE_INFINITY) - now;
    if (leftMs < h.minValidityMs)
      violate(
        '3-renewal',
        `${key}'s session was held for ${since} ms on a visible page with nothing in the way, yet it has ${secret ?? 'no secret'} with ${leftMs} ms left (needs ${h.minValidityMs})`,
      );
  };
  const check = () => {
    checkShown();
    checkRenewed();
  };
  /**
   * Lets time pass one timer at a time, checking after each: React renders what an act() scope queued only when the
   * scope ends, so one long scope would keep every render (a Suspense retry, a commit that holds) waiting until its end.
   */
  const runFor = async (ms: number) => {
    if (ms <= 0) return;
    const end = Date.now() + ms;
    // Stops the last step at `end`.
    setTimeout(() => {}, ms);
    while (Date.now() < end) {
      await act(() => vi.advanceTimersToNextTimerAsync());
      check();
    }
  };

  try {
    await advance(0);
    while (Date.now() - start < RUN_MS) {
      const roll = random();
      if (roll < 0.3) {
        await runFor(Math.floor(random() * 5 * MINUTE));
      } else if (roll < 0.37) {
        const mount = !page.chat;
        await change(mount ? 'ChatKit mounts' : 'ChatKit unmounts', () => {
          page.chat = mount;
          page.shown = true;
          if (mount) {
            h.chat.instance += 1;
            h.chat.secret = null;
          }
        });
      } else if (roll < 0.44) {
        if (page.chat)
          await change(page.shown ? 'Activity hides ChatKit' : 'Activity shows ChatKit', () => {
            page.shown = !page.shown;
          });
      } else if (roll < 0.56) {
        const ask = h.chat.getClientSecret;
        if (page.chat && ask) await act(async () => askForSecret(ask, h.chat.secret));
      } else if (roll < 0.61) {
        await change(page.badge ? 'badge unmounts' : 'badge mounts', () => {
          page.badge = !page.badge;
        });
      } else if (roll < 0.66) {
        await change(page.suspense ? 'Suspense consumer unmounts' : 'Suspense consumer mounts', () => {
          page.suspense = !page.suspense;
        });
      } else if (roll < 0.72) {
        const prefetch = h.prefetch;
        if (prefetch) {
          lastPrefetchAt.set(h.committedKey, Date.now());
          log(`hover: prefetch (for ${h.committedKey})`);
          await act(async () => {
            prefetch().catch((error: unknown) => violate('5-prefetch', `prefetch rejected with ${String(error)}`));
          });
        }
      } else if (roll < 0.77) {
        const next = pick(keys.filter((key) => key !== page.key));
        await change(`switch to ${next}`, () => {
          page.key = next;
        });
      } else if (roll < 0.85) {
        const visible = !env.environment.isVisible();
        log(visible ? 'tab shown' : 'tab hidden');
        trouble(Date.now());
        await act(async () => env.setVisible(visible));
      } else if (roll < 0.9) {
        const ms = MINUTE + Math.floor(random() * 14 * MINUTE);
        const monotonicAdvances = random() < 0.5;
        const wake = pick(['focus', 'pageshow', 'visibilitychange', null] as const);
        log(
          `laptop sleeps ${ms} ms (monotonic ${monotonicAdvances ? 'advances' : 'paused'}), wakes${wake ? ` with ${wake}` : ''}`,
        );
        env.sleep(ms, { monotonicAdvances });
        h.sleptAt = performance.now();
        trouble(Date.now());
        if (wake) await act(async () => env.dispatch(wake));
      } else if (roll < 0.93) {
        faultRate = faultRate === baseFaultRate ? 0.8 : baseFaultRate;
        log(`backend fault rate ${(faultRate * 100).toFixed(0)} %`);
      } else {
        await runFor(Math.floor(random() * 10 * SECOND));
      }
      await advance(0);
      check();
    }

    // (4) One getClientSecret for the provider's life, StrictMode or not.
    if (h.identities.size > 1)
      violate('4-identity', `the provider handed out ${h.identities.size} getClientSecret functions, not one`);

    // (5) Unmount everything and run the timers out: nothing may be left.
    h.finished = true;
    log('unmount everything');
    view.unmount();
    await advance(AFTER_EVERYTHING);
    await new Promise((resolve) => realSetImmediate(resolve));
    await new Promise((resolve) => realSetImmediate(resolve));
    const left = {
      timers: vi.getTimerCount(),
      requests: inflight,
      listeners: env.listenerCount(),
      calls: h.pendingCalls,
    };
    if (left.timers || left.requests || left.listeners || left.calls)
      violate('5-leftovers', `after unmounting and running timers out, left: ${JSON.stringify(left)}`);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    consoleError.mockRestore();
    cleanup();
    vi.clearAllTimers();
    vi.useRealTimers();
  }
  return problems;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('seeded runs of a React app around one provider', () => {
  it(
    `never hands ChatKit, nor shows, another user's or a stale secret, nor renews for nobody, over ${SEEDS} seeds of two hours`,
    async () => {
      // Each kind of violation once, with how many seeds broke it, their first few and the first one's trace.
      const byKind = new Map<string, { seeds: number[]; first: string }>();
      const list = [...Array.from({ length: LAST_SEED - FIRST_SEED + 1 }, (_, index) => FIRST_SEED + index)];
      for (const seed of [...list, ...REGRESSION_SEEDS.filter((seed) => seed > LAST_SEED)]) {
        for (const [kind, text] of await runSeed(seed)) {
          const entry = byKind.get(kind) ?? { seeds: [], first: text };
          entry.seeds.push(seed);
          byKind.set(kind, entry);
        }
      }
      const seeds = list.length + REGRESSION_SEEDS.filter((seed) => seed > LAST_SEED).length;
      const report = [...byKind]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([kind, { seeds: broken, first }]) =>
            `${kind}: ${broken.length} of ${seeds} seeds (${broken.slice(0, 12).join(', ')}${broken.length > 12 ? ', …' : ''}); replay one with PROPERTY_SEED=<seed>. The first:\n${first}`,
        );
      expect(report.join('\n\n')).toBe('');
    },
    SEEDS * 3 * SECOND,
  );
});
