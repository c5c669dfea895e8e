import { describe, expect, it } from 'vitest';
import { ChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import type { CurrentSession } from '../ChatSessionState.js';
import type { Instant } from '../computeSessionTiming.js';
import {
  chooseFetchReason,
  decideRenewal,
  isNeeded,
  planTimer,
  type RenewalDecision,
  type RenewalFacts,
} from './renewalPolicy.js';

const NOW: Instant = { wall: 1_000_000, mono: 5_000 };
const at = (ms: number): Instant => ({ wall: NOW.wall + ms, mono: NOW.mono + ms });
const held = (expiresInMs: number): CurrentSession => ({
  session: { client_secret: 'ek_held', expires_at: 0 },
  secret: 'ek_held',
  expiry: at(expiresInMs),
  minValidityMs: 60_000,
});
const network = new ChatSessionError('network', 'offline');
const unauthorized = new ChatSessionError('unauthorized', 'HTTP 401');
const facts = (overrides: Partial<RenewalFacts> = {}): RenewalFacts => ({
  current: held(600_000),
  due: at(450_000),
  error: null,
  inflight: false,
  waitingForNetwork: false,
  coordinating: false,
  wanted: true,
  ...overrides,
});

const FETCH: RenewalDecision = { action: 'fetch' };
const HALT: RenewalDecision = { action: 'halt' };
const wait = (waitMs: number | null): RenewalDecision => ({ action: 'wait', waitMs });

describe('decideRenewal', () => {
  // [when, facts, the schedule's decision, a caller's decision]
  const table: [string, RenewalFacts, RenewalDecision, RenewalDecision][] = [
    ['a request is in flight', facts({ inflight: true, due: at(-1) }), HALT, HALT],
    ['a stopping error waits for refresh()', facts({ error: unauthorized, due: null }), HALT, HALT],
    ['a stopping error is held even with nothing held', facts({ error: unauthorized, current: null }), HALT, HALT],
    ['a renewal is due later', facts(), wait(450_000), FETCH],
    ['a renewal is due now', facts({ due: at(0) }), FETCH, FETCH],
    ['a renewal is overdue', facts({ due: at(-30_000) }), FETCH, FETCH],
    ['nothing is held and nothing scheduled', facts({ current: null, due: null }), FETCH, FETCH],
    ['a session is held and nothing scheduled', facts({ due: null }), wait(600_000), FETCH],
    ['the session expires before the renewal is due', facts({ current: held(100_000) }), wait(100_000), FETCH],
    ['a retry backs off', facts({ error: network, due: at(8_000) }), wait(8_000), HALT],
    [
      'a retry backs off with nothing held',
      facts({ current: null, error: network, due: at(8_000) }),
      wait(8_000),
      HALT,
    ],
    ['a retry is due', facts({ error: network, due: at(0) }), FETCH, FETCH],
    [
      'a retry waits for the network',
      facts({ error: network, due: at(-1), waitingForNetwork: true }),
      wait(null),
      FETCH,
    ],
    ['tabs are deciding who renews', facts({ due: at(-1), coordinating: true }), wait(null), FETCH],
    ['nothing needs the credential', facts({ wanted: false, due: at(-1) }), wait(600_000), FETCH],
    ['nothing needs it and nothing is held', facts({ wanted: false, current: null, due: null }), HALT, FETCH],
  ];

  it.each(table)('decides for the schedule and for a caller when %s', (_, given, schedule, caller) => {
    expect(decideRenewal(given, NOW, false)).toEqual(schedule);
    expect(decideRenewal(given, NOW, true)).toEqual(caller);
  });

  it('reads a deadline by the clock with less left when the wall clock was set back', () => {
    // The wall clock says the renewal is 5 minutes away, the monotonic clock says it is past.
    const due = { wall: NOW.wall + 300_000, mono: NOW.mono - 1 };
    expect(decideRenewal(facts({ due }), NOW, false)).toEqual(FETCH);
  });

  it('lets a caller through a backoff when either clock says it is over', () => {
    const due = { wall: NOW.wall - 1, mono: NOW.mono + 1_000 };
    expect(decideRenewal(facts({ error: network, due }), NOW, true)).toEqual(FETCH);
    expect(decideRenewal(facts({ error: network, due: at(1) }), NOW, true)).toEqual(HALT);
  });

  it('waits only until expiry when the page is hidden, even with a renewal overdue', () => {
    const decision = decideRenewal(facts({ wanted: false, current: held(-5), due: at(-60_000) }), NOW, false);
    expect(decision).toEqual(wait(-5));
  });
});

describe('chooseFetchReason', () => {
  // [cause, attempts failed in a row, a session held since the last reset(), the reason sent]
  const table: [ChatSessionFetchReason, number, boolean, ChatSessionFetchReason][] = [
    ['scheduled', 0, true, 'scheduled'],
    ['scheduled', 0, false, 'initial'],
    ['scheduled', 1, true, 'retry'],
    ['scheduled', 3, false, 'retry'],
    ['wake', 0, true, 'wake'],
    ['wake', 0, false, 'initial'],
    ['wake', 1, true, 'retry'],
    ['wake', 2, false, 'retry'],
    ['on-demand', 0, true, 'on-demand'],
    ['on-demand', 0, false, 'initial'],
    ['on-demand', 1, true, 'retry'],
    ['on-demand', 1, false, 'retry'],
    ['prefetch', 0, true, 'prefetch'],
    ['prefetch', 0, false, 'prefetch'],
    ['prefetch', 1, true, 'retry'],
    ['prefetch', 1, false, 'retry'],
    ['manual', 0, true, 'manual'],
    ['manual', 0, false, 'manual'],
    ['manual', 1, true, 'manual'],
    ['manual', 5, false, 'manual'],
  ];

  it.each(table)('names a request caused by %s after %i failures (held: %s) as %s', (cause, attempt, held, reason) => {
    expect(chooseFetchReason(attempt, held, cause)).toBe(reason);
  });
});

describe('isNeeded', () => {
  const LIFETIME = 600_000;
  // [when, keepWarm, holds, asked at, needed]
  const table: [string, boolean, number, Instant | null, boolean][] = [
    ['nothing holds, nobody asked, no keepWarm', false, 0, null, false],
    ['keepWarm is on', true, 0, null, true],
    ['a hold is out', false, 1, null, true],
    ['several holds are out', false, 3, null, true],
    ['a caller asked just now', false, 0, NOW, true],
    ['a caller asked a millisecond short of a lifetime ago', false, 0, at(-LIFETIME + 1), true],
    ['a caller asked exactly a lifetime ago', false, 0, at(-LIFETIME), false],
    ['a caller asked more than a lifetime ago', false, 0, at(-LIFETIME - 1), false],
    ['a hold is out and the ask is long past', false, 1, at(-10 * LIFETIME), true],
    ['keepWarm is on and the ask is long past', true, 0, at(-10 * LIFETIME), true],
  ];

  it.each(table)('tells whether renewals are needed when %s', (_, keepWarm, holds, askedAt, needed) => {
    expect(isNeeded(keepWarm, holds, askedAt, LIFETIME, NOW)).toBe(needed);
  });

  it('counts an ask as past when only the wall clock says it is within the lifetime', () => {
    // The wall clock was set back: it says the ask was a second ago; the monotonic clock says a lifetime has passed.
    const askedAt = { wall: NOW.wall - 1_000, mono: NOW.mono - LIFETIME };
    expect(isNeeded(false, 0, askedAt, LIFETIME, NOW)).toBe(false);
  });
});

describe('planTimer', () => {
  // [when, decision, session held, delays planned]
  const table: [string, RenewalDecision, CurrentSession | null, number[]][] = [
    ['a fetch is due with a session held', FETCH, held(600_000), [1, 600_000]],
    ['a fetch is due with nothing held', FETCH, null, [1]],
    ['a renewal is due later with a session held', wait(450_000), held(600_000), [450_000, 600_000]],
    ['a retry backs off with nothing held', wait(8_000), null, [8_000]],
    ['waiting a chunk with a session held', wait(null), held(600_000), [600_000]],
    ['waiting a chunk with nothing held', wait(null), null, []],
    ['halted with a session held', HALT, held(600_000), [600_000]],
    ['halted with nothing held', HALT, null, []],
    ['halted with a session that expires this instant', HALT, held(0), [0]],
    ['halted with an expired session', HALT, held(-5), [-5]],
    ['waiting on an expired session', wait(-5), held(-5), [-5, -5]],
  ];

  it.each(table)('plans the delays to look again when %s', (_, decision, current, delays) => {
    expect(planTimer(decision, current, NOW)).toEqual(delays);
  });
});
