import type { SimulatedDay } from './SimulatedDay.js';
import { scriptChats } from './scriptChats.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START_MS = Date.UTC(2026, 10, 26);
const SEED = 37;

const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** What every day shares: the endpoint, ChatKit's timing, and the client's skewed clock. */
const EVERY_DAY = {
  startMs: START_MS,
  lifetimeSeconds: 600,
  latencyMs: 200,
  seed: SEED,
  // A clock that runs ahead is how the user's machine is, not a fault: it stays on the fault-free days too.
  wallSkewMs: 37 * MINUTE,
  chatKit: { leadMs: 60_000, retryMs: 30_000 },
  hiddenUntilMs: null,
} as const;

/** 100 chats opened at seeded times before 23:00, each kept open 5 to 60 minutes. */
const HUNDRED_CHATS = scriptChats({ seed: SEED, count: 100, fromMs: START_MS, withinMs: 23 * HOUR, minutes: [5, 60] });
const ONE_CHAT = scriptChats({ seed: SEED, count: 1, fromMs: START_MS, withinMs: 23 * HOUR, minutes: [5, 5] });

const faultFree: SimulatedDay = {
  ...EVERY_DAY,
  name: 'fault-free, 100 chats',
  description:
    'The page is open 24 h; 100 chats open at seeded times and stay open 5–60 min; every request succeeds and the ' +
    'machine never sleeps.',
  lengthMs: 24 * HOUR,
  chats: HUNDRED_CHATS,
  sleeps: [],
  faults: null,
  goals: [
    { measure: 'requests', atMost: 1.15, timesMinimum: true },
    { measure: 'expiredSeconds', atMost: 0 },
  ],
};

const oneChat: SimulatedDay = {
  ...EVERY_DAY,
  name: 'fault-free, one 5-minute chat',
  description:
    `The page is open 24 h with one chat, opened at a seeded time (${time(ONE_CHAT[0]?.openMs ?? 0)}) and kept open ` +
    '5 min; every request succeeds and the machine never sleeps.',
  lengthMs: 24 * HOUR,
  chats: ONE_CHAT,
  sleeps: [],
  faults: null,
  goals: [
    { measure: 'requests', atMost: 3 },
    { measure: 'expiredSeconds', atMost: 0 },
  ],
};

const rateLimitedFromMs = START_MS + 10 * HOUR;
const faulty: SimulatedDay = {
  ...EVERY_DAY,
  name: 'faulty',
  description:
    'The same 100 chats, with faults at the same true times for every strategy: 10 % of 1-second slots fail ' +
    `(network error, 500 or 503), every request from ${time(rateLimitedFromMs)} to ` +
    `${time(rateLimitedFromMs + 10 * MINUTE)} gets 429 with \`Retry-After: 60\`, and the machine sleeps 20 min at ` +
    '06:00 (monotonic clock paused, timers fire late) and at 15:00 (monotonic clock runs, overdue timers fire at ' +
    'wake-up), the page turning hidden before and visible after.',
  lengthMs: 24 * HOUR,
  chats: HUNDRED_CHATS,
  sleeps: [
    { atMs: START_MS + 6 * HOUR, ms: 20 * MINUTE, monotonicAdvances: false },
    { atMs: START_MS + 15 * HOUR, ms: 20 * MINUTE, monotonicAdvances: true },
  ],
  faults: {
    transientRate: 0.1,
    transientSlotMs: 1_000,
    seed: 11,
    rateLimited: { fromMs: rateLimitedFromMs, toMs: rateLimitedFromMs + 10 * MINUTE, retryAfterSeconds: 60 },
  },
  goals: [
    { measure: 'requests', atMost: 1.3, timesMinimum: true },
    { measure: 'expiredSeconds', atMost: 330 },
    { measure: 'failedCalls', atMost: 13 },
  ],
};

const hiddenUntilMs = START_MS + 8 * HOUR;
const hidden: SimulatedDay = {
  ...EVERY_DAY,
  name: 'hidden 8 h',
  description:
    `The page loads at ${time(START_MS)} in a background tab with no chat, comes to the front at ` +
    `${time(hiddenUntilMs)}, one chat opens at 08:01 for 5 min, and the page closes at 09:00 (a 9-hour day); every ` +
    'request succeeds and the machine never sleeps.',
  lengthMs: 9 * HOUR,
  chats: [{ openMs: hiddenUntilMs + MINUTE, closeMs: hiddenUntilMs + 6 * MINUTE }],
  hiddenUntilMs,
  sleeps: [],
  faults: null,
  goals: [{ measure: 'requests', atMost: 2 }],
};

/** The faulty day: the day of the runs before #16, and the day of the `minValidityMs` trade-off. */
export const FAULTY_DAY = faulty;

/** The days of the renewal table, in the order it shows them; the faulty one is the day of the runs before #16. */
export const SIMULATED_DAYS: readonly SimulatedDay[] = [faultFree, oneChat, faulty, hidden];
