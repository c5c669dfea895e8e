import { describe, expect, it } from 'vitest';
import { ChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionEvent } from '../ChatSessionEvent.js';
import type { ChatSessionTransition, SentRequest } from '../ChatSessionTransition.js';
import type { Instant } from '../computeSessionTiming.js';
import { reportEvents } from './reportEvents.js';

const SENT_AT: Instant = { wall: 1_764_158_400_000, mono: 5_000.25 };
// 1,234.6 ms later by the monotonic clock; the wall clock was set forward an hour meanwhile.
const LANDED_AT: Instant = { wall: SENT_AT.wall + 3_600_000 + 1_235, mono: SENT_AT.mono + 1_234.6 };
const SENT: SentRequest = { at: SENT_AT, reason: 'scheduled' };
const badGateway = new ChatSessionError('server', 'HTTP 502', { status: 502, requestId: 'req_err' });

/** The event `reportEvents` builds from one transition. */
function report(transition: ChatSessionTransition): ChatSessionEvent[] {
  const events: ChatSessionEvent[] = [];
  reportEvents((event) => events.push(event))(transition);
  return events;
}

/** An event with every field that does not apply `null`. */
const event = (fields: Partial<ChatSessionEvent> & Pick<ChatSessionEvent, 'type' | 'at'>): ChatSessionEvent => ({
  sessionKey: 'alice',
  reason: null,
  attempt: null,
  durationMs: null,
  remainingMs: null,
  status: null,
  requestId: null,
  error: null,
  ...fields,
});

describe('reportEvents', () => {
  // [when, transition, the one event reported]
  const table: [string, ChatSessionTransition, ChatSessionEvent][] = [
    [
      'a request is sent',
      { type: 'request', sessionKey: 'alice', now: SENT_AT, request: SENT, attempt: 0 },
      event({ type: 'request', at: SENT_AT.wall, reason: 'scheduled', attempt: 1 }),
    ],
    [
      'a retry is sent after two failures',
      { type: 'request', sessionKey: 'alice', now: SENT_AT, request: { ...SENT, reason: 'retry' }, attempt: 2 },
      event({ type: 'request', at: SENT_AT.wall, reason: 'retry', attempt: 3 }),
    ],
    [
      'a request brings a session',
      {
        type: 'renewal',
        sessionKey: 'alice',
        now: LANDED_AT,
        request: SENT,
        attempt: 0,
        remainingMs: 598_765.5,
        status: 200,
        requestId: 'req_ok',
      },
      event({
        type: 'renewal',
        at: LANDED_AT.wall,
        reason: 'scheduled',
        attempt: 1,
        durationMs: 1_235,
        remainingMs: 598_766,
        status: 200,
        requestId: 'req_ok',
      }),
    ],
    [
      'a request brings a session with no status or request id',
      { type: 'renewal', sessionKey: null, now: LANDED_AT, request: SENT, attempt: 0, remainingMs: 600_000 },
      event({
        type: 'renewal',
        sessionKey: null,
        at: LANDED_AT.wall,
        reason: 'scheduled',
        attempt: 1,
        durationMs: 1_235,
        remainingMs: 600_000,
      }),
    ],
    [
      'a request fails with an error that has a status and a request id',
      {
        type: 'failure',
        sessionKey: 'alice',
        now: LANDED_AT,
        request: SENT,
        attempt: 1,
        remainingMs: 30_000.4,
        error: badGateway,
      },
      event({
        type: 'failure',
        at: LANDED_AT.wall,
        reason: 'scheduled',
        attempt: 2,
        durationMs: 1_235,
        remainingMs: 30_000,
        status: 502,
        requestId: 'req_err',
        error: badGateway,
      }),
    ],
    [
      'a session lands too late, with the answer’s own status and request id',
      {
        type: 'failure',
        sessionKey: 'alice',
        now: LANDED_AT,
        request: SENT,
        attempt: 0,
        remainingMs: 1_999.5,
        status: 200,
        requestId: 'req_late',
        error: badGateway,
      },
      event({
        type: 'failure',
        at: LANDED_AT.wall,
        reason: 'scheduled',
        attempt: 1,
        durationMs: 1_235,
        remainingMs: 2_000,
        status: 200,
        requestId: 'req_late',
        error: badGateway,
      }),
    ],
    [
      'a request fails with nothing held and an error without a status',
      {
        type: 'failure',
        sessionKey: 'alice',
        now: LANDED_AT,
        request: SENT,
        attempt: 0,
        remainingMs: null,
        error: new ChatSessionError('network', 'offline'),
      },
      event({
        type: 'failure',
        at: LANDED_AT.wall,
        reason: 'scheduled',
        attempt: 1,
        durationMs: 1_235,
        error: new ChatSessionError('network', 'offline'),
      }),
    ],
    [
      'the app’s server refuses the secret with no request in flight',
      { type: 'failure', sessionKey: 'alice', now: LANDED_AT, request: null, attempt: 0, error: badGateway },
      event({
        type: 'failure',
        at: LANDED_AT.wall,
        attempt: 1,
        status: 502,
        requestId: 'req_err',
        error: badGateway,
      }),
    ],
    [
      'a session is adopted while a request is in flight',
      { type: 'adoption', sessionKey: 'alice', now: LANDED_AT, request: SENT, attempt: 1, remainingMs: 500_000.49 },
      event({ type: 'adoption', at: LANDED_AT.wall, remainingMs: 500_000 }),
    ],
    [
      'nothing needs the credential anymore',
      { type: 'lapse', sessionKey: 'alice', now: LANDED_AT, request: null, attempt: 0, remainingMs: 120_000.7 },
      event({ type: 'lapse', at: LANDED_AT.wall, remainingMs: 120_001 }),
    ],
    [
      'a lapse comes with nothing held',
      { type: 'lapse', sessionKey: 'alice', now: LANDED_AT, request: null, attempt: 0, remainingMs: null },
      event({ type: 'lapse', at: LANDED_AT.wall }),
    ],
    [
      'the session held expires while a request is in flight',
      { type: 'expiry', sessionKey: 'alice', now: LANDED_AT, request: SENT, attempt: 2, remainingMs: 0 },
      event({ type: 'expiry', at: LANDED_AT.wall, remainingMs: 0 }),
    ],
  ];

  it.each(table)('reports the one event a user reads when %s', (_, transition, expected) => {
    expect(report(transition)).toStrictEqual([expected]);
  });

  it('measures a request on the monotonic clock when the wall clock jumps', () => {
    const [renewal] = report({ type: 'renewal', sessionKey: 'alice', now: LANDED_AT, request: SENT, attempt: 0 });
    // The wall clocks are an hour apart; the request took 1,234.6 ms.
    expect(renewal?.durationMs).toBe(1_235);
    expect(renewal?.at).toBe(LANDED_AT.wall);
  });

  it.each([undefined, null, 'console.log', {}])('throws a TypeError naming `listener` when given %s', (listener) => {
    expect(() => reportEvents(listener as never)).toThrow(TypeError);
    expect(() => reportEvents(listener as never)).toThrow(/`listener`/);
  });
});
