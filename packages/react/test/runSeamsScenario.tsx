import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { vi } from 'vitest';
import { createTestEnvironment } from '../../core/test/createTestEnvironment.js';
import { MINUTE, SECOND } from '../../core/test/lifecycleScenario.js';
import { getChatSessionRegistry } from '../src/getChatSessionRegistry.js';
import { chatSessionQueryKey } from '../src/index.js';
import { seamsApp } from './seamsApp.js';
import { createSeamsBackend } from './seamsBackend.js';
import { askForSecret } from './seamsChatKitStandIn.js';
import { createSeamsEconomy } from './seamsEconomy.js';
import { type SeamsHarness, setSeamsHarness } from './seamsHarness.js';
import type { SeamsViolations } from './seamsInvariants.js';
import {
  describeSeamsConfig,
  type Page,
  REQUEST_TIMEOUT_MS,
  RUN_MS,
  type SeamsScenario,
  type SeamsStep,
  START,
} from './seamsScenario.js';

const TRACE_LINES = 40;
// The registry's grace period and more: after it, nothing of an unmounted provider may be left.
const AFTER_EVERYTHING = 10 * MINUTE;
// Read before any test fakes the timers: a real turn of the event loop lets Node report unhandled rejections.
const realSetImmediate = globalThis.setImmediate;

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** How a run goes. */
export interface RunSeamsOptions {
  /** Prints the whole trace as the run goes. */
  readonly debug?: boolean;
}

/**
 * Runs two simulated hours of one seed: a provider (StrictMode or not) whose page mounts, hides and shows a ChatKit
 * stand-in, a status badge and a Suspense consumer, hovers, switches users, hides the tab, sleeps, and meets a backend
 * that fails, rate-limits and answers slowly. Returns what broke, each with the seed and the end of the trace.
 */
export async function runSeamsScenario(scenario: SeamsScenario, { debug = false }: RunSeamsOptions = {}) {
  vi.useFakeTimers({ now: START });
  const { config } = scenario;
  const { seed, strict, keys, lifetimeSeconds, baseFaultRate } = config;
  let faultRate = baseFaultRate;
  const env = createTestEnvironment({ seed });
  const queryClient = new QueryClient();

  const start = Date.now();
  const trace: string[] = [];
  const problems: SeamsViolations = new Map();
  const header = describeSeamsConfig(config);
  const log = (line: string) => {
    if (debug) process.stdout.write(`${((Date.now() - start) / SECOND).toFixed(3)} s  ${line}\n`);
    trace.push(`${((Date.now() - start) / SECOND).toFixed(3)} s  ${line}`);
    if (trace.length > TRACE_LINES) trace.shift();
  };
  const violate: SeamsHarness['violate'] = (kind, message) => {
    const at = `${((Date.now() - start) / SECOND).toFixed(3)} s`;
    if (!problems.has(kind)) problems.set(kind, `${header}, at ${at}: ${message}\n    ${trace.join('\n    ')}`);
  };

  const page: Page = { ...scenario.firstPage };
  const h: SeamsHarness = {
    page,
    committedKey: page.key,
    switchedAt: performance.now(),
    switches: 0,
    sleptAt: Number.NEGATIVE_INFINITY,
    sleptInFlightAt: Number.NEGATIVE_INFINITY,
    lifetimeMs: lifetimeSeconds * SECOND,
    minValidityMs: Math.min(MINUTE, ((lifetimeSeconds - 1) * SECOND) / 4),
    mintedFor: new Map(),
    noteAnswered: (key) => economy.noteAnswered(key),
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
    noteCall: (key, why) => economy.noteCall(key, why),
    waitOn: (key, call) => economy.waitOn(key, call),
    identities: new Set(),
    chat: { getClientSecret: null, secret: null, instance: 0 },
    prefetch: null,
    pendingCalls: 0,
    finished: false,
    renderingSuspense: false,
    mountedReaders: 0,
  };
  setSeamsHarness(h);
  // (3) Each controller is created with its user's environment: the timer it arms when it sends a request says whose.
  const economy = createSeamsEconomy({ harness: h, keys, environment: env.environment, queryClient });
  const backend = createSeamsBackend({ scenario, harness: h, faultRate: () => faultRate, trouble: economy.trouble });
  const app = () =>
    seamsApp({
      page,
      strict,
      queryClient,
      fetchSession: backend.fetchSessionFor(page.key, page.generation),
      environment: economy.environmentFor(page.key),
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      log,
    });

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
  const view = render(app());

  /** Changes the page and commits it, noting when a user's last holder left. */
  const change = async (what: string, edit: () => void) => {
    economy.edit(edit);
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
  /** (7) The sessions in the cache, as `key: secret (minted for)`. */
  const cached = () =>
    queryClient
      .getQueryCache()
      .findAll({ queryKey: chatSessionQueryKey().slice(0, 1) })
      .map((query) => {
        const secret = (query.state.data as { session?: { client_secret?: string } } | undefined)?.session
          ?.client_secret;
        return { key: query.queryKey[1], secret, owner: secret && h.mintedFor.get(secret) };
      });
  const checkCached = () => {
    for (const { key, secret, owner } of cached())
      if (key !== h.committedKey || owner !== key)
        violate(
          '7-cache-user',
          `the cache holds ${secret} (minted for ${owner}) under ${key} while ${h.committedKey} is signed in`,
        );
  };
  const check = () => {
    checkShown();
    checkCached();
    economy.checkRenewed();
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

  const take = async (step: SeamsStep) => {
    switch (step.kind) {
      case 'run':
        return runFor(step.ms);
      case 'chat': {
        const mount = !page.chat;
        return change(mount ? 'ChatKit mounts' : 'ChatKit unmounts', () => {
          page.chat = mount;
          page.shown = true;
          if (mount) {
            h.chat.instance += 1;
            h.chat.secret = null;
          }
        });
      }
      case 'activity':
        if (page.chat)
          await change(page.shown ? 'Activity hides ChatKit' : 'Activity shows ChatKit', () => {
            page.shown = !page.shown;
          });
        return;
      case 'ask': {
        const ask = h.chat.getClientSecret;
        if (page.chat && ask) await act(async () => askForSecret(ask, h.chat.secret));
        return;
      }
      case 'badge':
        return change(page.badge ? 'badge unmounts' : 'badge mounts', () => {
          page.badge = !page.badge;
        });
      case 'suspense':
        return change(page.suspense ? 'Suspense consumer unmounts' : 'Suspense consumer mounts', () => {
          page.suspense = !page.suspense;
        });
      case 'hover': {
        const prefetch = h.prefetch;
        if (prefetch) {
          economy.notePrefetch(h.committedKey);
          log(`hover: prefetch (for ${h.committedKey})`);
          await act(async () => {
            prefetch().catch((error: unknown) => violate('5-prefetch', `prefetch rejected with ${String(error)}`));
          });
        }
        return;
      }
      case 'remount':
        return change('the provider remounts with another fetchSession', () => {
          page.generation += 1;
          if (page.chat) {
            h.chat.instance += 1;
            h.chat.secret = null;
          }
        });
      case 'switch':
        return change(`switch to ${step.to}`, () => {
          page.key = step.to;
        });
      case 'visibility': {
        const visible = !env.environment.isVisible();
        log(visible ? 'tab shown' : 'tab hidden');
        economy.trouble(Date.now());
        return act(async () => env.setVisible(visible));
      }
      case 'sleep': {
        const { ms, monotonicAdvances, wake } = step;
        log(
          `laptop sleeps ${ms} ms (monotonic ${monotonicAdvances ? 'advances' : 'paused'}), wakes${wake ? ` with ${wake}` : ''}`,
        );
        env.sleep(ms, { monotonicAdvances });
        h.sleptAt = performance.now();
        if (backend.inflight() > 0) h.sleptInFlightAt = h.sleptAt;
        economy.trouble(Date.now());
        if (wake) await act(async () => env.dispatch(wake));
        return;
      }
      case 'fault-rate':
        faultRate = faultRate === baseFaultRate ? 0.8 : baseFaultRate;
        log(`backend fault rate ${(faultRate * 100).toFixed(0)} %`);
        return;
    }
  };

  try {
    await advance(0);
    while (Date.now() - start < RUN_MS) {
      await take(scenario.nextStep(page.key));
      await advance(0);
      check();
    }

    // (4) One getClientSecret for each provider's life, StrictMode or not: a remount mounts another provider.
    if (h.identities.size > page.generation + 1)
      violate(
        '4-identity',
        `${page.generation + 1} providers handed out ${h.identities.size} getClientSecret functions, not one each`,
      );

    // (5) Unmount everything and run the timers out: nothing may be left.
    h.finished = true;
    log('unmount everything');
    view.unmount();
    await advance(AFTER_EVERYTHING);
    await new Promise((resolve) => realSetImmediate(resolve));
    await new Promise((resolve) => realSetImmediate(resolve));
    const left = {
      timers: vi.getTimerCount(),
      requests: backend.inflight(),
      listeners: env.listenerCount(),
      calls: h.pendingCalls,
    };
    if (left.timers || left.requests || left.listeners || left.calls)
      violate('5-leftovers', `after unmounting and running timers out, left: ${JSON.stringify(left)}`);
    if (cached().length) violate('7-cache-leftover', `after unmounting, the cache holds ${JSON.stringify(cached())}`);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    consoleError.mockRestore();
    cleanup();
    vi.clearAllTimers();
    vi.useRealTimers();
  }
  return problems;
}
