import { createChatSessionController, createChatSessionEnvironment } from '@chatkit-session/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createChatKitTokenHandler, createChatSessionHandler } from '../src/index.js';
import { createMockChatKitApi } from '../src/mock.js';
import { toNodeListener } from '../src/node.js';
import { type LocalServer, listen } from './listen.js';

// One open tab (the core's controller, holding its session) against the real handler over real HTTP on 127.0.0.1,
// with the default per-user budget, for an hour of virtual time: the tab, the handler and the mock share one clock
// that only this test moves, from one of the controller's timers to the next.
const API_KEY = 'sk-proj-lifetimeTESTKEY4Zr7';
const TOKEN_SECRET = 'lifetime-test-token-secret-Hw5Tk9Pd2Lx8';
const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const servers: LocalServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A clock and timers that move only when the test says so. */
function createVirtualTime() {
  let clock = T0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const environment = createChatSessionEnvironment({
    now: () => clock,
    monotonicNow: () => clock,
    setTimeout: (callback, ms) => {
      nextId += 1;
      timers.set(nextId, { at: clock + Math.max(0, Math.trunc(ms) || 0), callback });
      return nextId;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    isVisible: () => true,
    isOnline: () => true,
    eventTarget: null,
    random: () => 0.5,
  });
  /** Moves the clock to the next timer and fires it; `false` when none is armed. */
  const fireNext = () => {
    let next: [number, { at: number; callback: () => void }] | undefined;
    for (const entry of timers) if (!next || entry[1].at < next[1].at) next = entry;
    if (!next) return false;
    timers.delete(next[0]);
    clock = Math.max(clock, next[1].at);
    next[1].callback();
    return true;
  };
  return { now: () => clock, environment, fireNext, armed: () => timers.size };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Holds one tab open for an hour against `handler`; returns the status of every answer it got. */
async function holdOneTabForAnHour(create: (now: () => number) => (request: Request) => Promise<Response>) {
  const time = createVirtualTime();
  const server = await listen(toNodeListener(create(time.now)));
  servers.push(server);
  const statuses: number[] = [];
  let inflight = 0;
  const controller = createChatSessionController({
    environment: time.environment,
    fetchSession: async ({ signal, reason }) => {
      inflight += 1;
      try {
        const init = { method: 'POST', signal, body: JSON.stringify({ reason }) };
        const response = await fetch(`${server.url}/api/chatkit/session`, init);
        statuses.push(response.status);
        // Read here, so that once the request is done only promise callbacks are left to run.
        return new Response(await response.text(), { status: response.status, headers: response.headers });
      } finally {
        inflight -= 1;
      }
    },
  });
  const settle = async () => {
    await turn();
    for (let turns = 0; inflight > 0 && turns < 100_000; turns += 1) await turn();
    await turn();
  };
  controller.start();
  const release = controller.hold();
  await controller.getClientSecret(null);
  const statusesSeen = new Set<string>();
  while (time.now() < T0 + HOUR_MS && time.fireNext()) {
    await settle();
    statusesSeen.add(controller.getState().status);
  }
  const state = controller.getState();
  release();
  controller.dispose();
  expect(time.armed()).toBe(0);
  return { statuses, statusesSeen, state, endedAt: time.now() };
}

describe('the default user budget with one tab held open for an hour', () => {
  it.each([
    ['a mock that hands out 30-s sessions (the README’s mock snippet)', 30, undefined],
    ['a mock that hands out 10-s sessions to a handler that asks for 300 s', 10, 300],
    ['a mock that hands out 600-s sessions to a handler that asks for 60 s', 600, 60],
  ])('never answers 429 with %s', async (_, lifetimeSeconds, expiresAfterSeconds) => {
    const outcome = await holdOneTabForAnHour((now) =>
      createChatSessionHandler({
        apiKey: API_KEY,
        workflow: { id: 'wf_demo' },
        resolveUser: () => 'user_42',
        fetch: createMockChatKitApi({ lifetimeSeconds, now }).fetch,
        now,
        ...(expiresAfterSeconds ? { expiresAfterSeconds } : {}),
      }),
    );
    expect(outcome.endedAt).toBeGreaterThanOrEqual(T0 + HOUR_MS);
    expect(outcome.statuses.filter((status) => status !== 200)).toEqual([]);
    // The tab renewed all along: about every 60 % of a lifetime, never more often than every 5 s.
    expect(outcome.statuses.length).toBeGreaterThan(HOUR_MS / 1000 / Math.max(lifetimeSeconds, 5) / 2);
    expect([...outcome.statusesSeen].filter((status) => status !== 'active' && status !== 'refreshing')).toEqual([]);
  });

  it('never answers 429 with the token handler’s 30-s tokens', async () => {
    const outcome = await holdOneTabForAnHour((now) =>
      createChatKitTokenHandler({ secret: TOKEN_SECRET, resolveUser: () => 'user_42', lifetimeSeconds: 30, now }),
    );
    expect(outcome.statuses.filter((status) => status !== 200)).toEqual([]);
    expect(outcome.statuses.length).toBeGreaterThan(60);
  });
  // Hundreds of real requests each: time for a busy machine, not a wait.
}, 60_000);
