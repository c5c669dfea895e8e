import { describe, expect, it } from 'vitest';
import { ChatSessionError } from '../ChatSessionError.js';
import type { CurrentSession } from '../ChatSessionState.js';
import type { Instant } from '../computeSessionTiming.js';
import { decideRenewal, type RenewalDecision, type RenewalFacts } from './renewalPolicy.js';

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
