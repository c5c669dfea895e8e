import type { ChatSessionCredential } from './ChatSessionCredential.js';
import type { BroadcastChannelLike, ChatSessionEnvironment, LockManagerLike } from './ChatSessionEnvironment.js';
import type { ChatSessionPort } from './ChatSessionPort.js';
import type { CurrentSession } from './ChatSessionState.js';
import { getRemainingMs } from './computeSessionTiming.js';
import { computeTabWaits } from './computeTabWaits.js';

/** What tabs sharing a session tell each other. */
export type TabSyncMessage =
  | { readonly type: 'renewing'; readonly tab: string }
  | {
      readonly type: 'session';
      readonly tab: string;
      readonly session: unknown;
      readonly expiresAt: number;
      /** The lifetime it was minted with (absent from tabs of versions before it was sent). */
      readonly lifetimeMs?: number;
    }
  | { readonly type: 'reset'; readonly tab: string };

let openedSyncs = 0;

const globals = globalThis as {
  window?: unknown;
  navigator?: { locks?: LockManagerLike };
  BroadcastChannel?: new (name: string) => BroadcastChannelLike;
};

// Only pages have tabs: a server process never opens a channel.
function openBroadcastChannel(name: string): BroadcastChannelLike | null {
  return globals.window && globals.BroadcastChannel ? new globals.BroadcastChannel(name) : null;
}

// How long a taken lock may stay silent (no announcement) before it counts as orphaned.
const ORPHAN_GRACE_MS = 250;

/** One tab's link to the other tabs of its origin that share a session key. */
export interface TabSync {
  /** Whether this tab is deciding with the others who renews. */
  readonly coordinating: boolean;
  /**
   * Renews through `renew` unless another tab does it first (this tab then adopts that session); calls `onDone` when
   * this tab's part is over.
   */
  coordinate(renew: () => Promise<unknown>, onDone: () => void): void;
  /** Tells the other tabs about a session this tab fetched, and the lifetime it was minted with. */
  publishSession(session: ChatSessionCredential, expiresAt: number, lifetimeMs: number): void;
  /** Tells the other tabs to forget the session (sign-out). */
  publishReset(): void;
  /** Closes the channel and cancels every wait. */
  close(): void;
}

/** The controller's options that the tab sync reads. */
export interface TabSyncOptions {
  /** Tabs share only sessions of the same key: one channel and one lock per key. */
  readonly sessionKey: string | null;
  /** The longest wait for a renewal another tab announced. */
  readonly requestTimeoutMs: number;
}

/**
 * Opens a tab's link to the other tabs, or returns `null` where it cannot (each tab then renews on its own): a plug-in
 * on the controller's port, called on each `start()` and closed on `stop()`.
 */
export type TabSyncFactory = (
  options: TabSyncOptions,
  env: ChatSessionEnvironment,
  host: ChatSessionPort,
) => TabSync | null;

/** What the tab sync needs of its controller: the plug-in port. */
export type TabSyncHost = ChatSessionPort;

/**
 * Opens the channel through which tabs share one session, or returns `null` where `BroadcastChannel` is missing
 * (each tab then renews on its own). A Web Lock, when there is one, is only advisory: taken with `ifAvailable`, never
 * waited for.
 *
 * Every wait ends on its own (after a random spread, a grace for a silent lock holder, and at most `requestTimeoutMs`
 * for an announced renewal), so no tab ever depends on another.
 *
 * @param options The controller's `sessionKey` (one channel and lock per key) and `requestTimeoutMs`.
 * @param env The environment (channel factory, locks, clocks, timers, random).
 * @param host The controller's session and what to do with another tab's session or sign-out.
 * @returns The link, or `null`.
 * @example
 * import { createChatSessionController, createTabSync } from '@chatkit-session/core';
 * const controller = createChatSessionController({ fetchSession, shareAcrossTabs: createTabSync });
 */
export const createTabSync: TabSyncFactory = (options, env, host) => {
  const name = `chatkit-session:${options.sessionKey ?? ''}`;
  const locks = env.locks === undefined ? (globals.navigator?.locks ?? null) : env.locks;
  let channel: BroadcastChannelLike | null;
  try {
    channel = (env.createBroadcastChannel ?? openBroadcastChannel)(name);
  } catch {
    channel = null;
  }
  if (!channel) return null;
  const open = channel;
  // Unique across tabs by time and chance, and across controllers of one page (or one test) by the counter.
  openedSyncs += 1;
  const tab = `${env.now().toString(36)}-${env.random().toString(36).slice(2, 10)}-${openedSyncs}`;
  const timers = new Set<unknown>();
  const waiters = new Set<() => void>();
  let lastRenewingAt = Number.NEGATIVE_INFINITY;
  let closed = false;
  let coordinating = false;
  const expiryOfCurrent = () => host.current()?.expiry.wall ?? 0;

  const post = (message: TabSyncMessage) => {
    if (!closed) open.postMessage(message);
  };
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  /** Resolves after `ms`, or sooner when `early` is true after some message arrived. */
  const wait = (ms: number, early: () => boolean) =>
    new Promise<void>((resolve) => {
      const done = () => {
        waiters.delete(check);
        env.clearTimeout(timer);
        timers.delete(timer);
        resolve();
      };
      const check = () => {
        if (closed || early()) done();
      };
      const timer = env.setTimeout(done, Math.max(0, ms));
      timers.add(timer);
      waiters.add(check);
    });
  const heardRenewingWithin = (ms: number) => env.now() - lastRenewingAt < ms;

  const adoptIfLater = (session: unknown, expiresAt: number, lifetimeMs: unknown) => {
    if (expiresAt <= expiryOfCurrent()) return;
    // The controller checks it as it checks its own, and ignores what is not a session.
    host.adopt(session, expiresAt, Number.isFinite(lifetimeMs) ? (lifetimeMs as number) : undefined);
  };

  const onMessage = (event: { readonly data: unknown }) => {
    const message = event.data as Partial<TabSyncMessage> | null;
    if (!message || typeof message !== 'object' || message.tab === tab) return;
    if (message.type === 'renewing') lastRenewingAt = env.now();
    if (message.type === 'session' && typeof message.expiresAt === 'number') {
      // A renewal announced before this session has ended: nobody is renewing any more.
      lastRenewingAt = Number.NEGATIVE_INFINITY;
      adoptIfLater(message.session, message.expiresAt, message.lifetimeMs);
    }
    if (message.type === 'reset') host.reset();
    wake();
  };
  open.addEventListener('message', onMessage);

  const renewAnnounced = async (renew: () => Promise<unknown>) => {
    // A lock may be granted after this tab signed out or stopped: it renews nothing then.
    if (closed) return;
    post({ type: 'renewing', tab });
    await renew().catch(() => undefined);
  };
  /** Runs `renew` under the lock if it is free; `false` when another tab holds it. */
  const renewUnderLock = async (renew: () => Promise<unknown>): Promise<boolean> => {
    if (!locks) return false;
    try {
      return await locks.request(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        await renewAnnounced(renew);
        return true;
      });
    } catch {
      return false;
    }
  };

  const coordinateRenewal = async (renew: () => Promise<unknown>) => {
    const before = expiryOfCurrent();
    const adoptedMeanwhile = () => expiryOfCurrent() > before;
    const current = host.current();
    const now = { wall: env.now(), mono: env.monotonicNow() };
    // How long the renewal can wait: tabs spread their attempts over part of it.
    const slackMs = current ? getRemainingMs(current.expiry, now) - current.minValidityMs : 0;
    const { jitterMs, waitForAnnouncedMs } = computeTabWaits(slackMs, options.requestTimeoutMs);
    await wait(env.random() * jitterMs, () => false);
    if (closed || adoptedMeanwhile()) return;
    if (heardRenewingWithin(options.requestTimeoutMs)) {
      await wait(waitForAnnouncedMs, adoptedMeanwhile);
      if (closed || adoptedMeanwhile()) return;
    }
    if (await renewUnderLock(renew)) return;
    // The lock is taken (or missing): give its holder a moment to announce itself, else it is orphaned.
    if (locks) await wait(ORPHAN_GRACE_MS, () => heardRenewingWithin(ORPHAN_GRACE_MS));
    if (heardRenewingWithin(ORPHAN_GRACE_MS)) await wait(waitForAnnouncedMs, adoptedMeanwhile);
    if (closed || adoptedMeanwhile()) return;
    await renewAnnounced(renew);
  };

  return {
    get coordinating() {
      return coordinating;
    },
    coordinate(renew, onDone) {
      coordinating = true;
      coordinateRenewal(renew).finally(() => {
        coordinating = false;
        onDone();
      });
    },
    publishSession(session, expiresAt, lifetimeMs) {
      post({ type: 'session', tab, session, expiresAt, lifetimeMs });
    },
    publishReset() {
      post({ type: 'reset', tab });
    },
    close() {
      if (closed) return;
      closed = true;
      open.removeEventListener('message', onMessage);
      open.close();
      for (const timer of timers) env.clearTimeout(timer);
      timers.clear();
      wake();
    },
  };
};
