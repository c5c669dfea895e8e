import { describe, expect, it } from 'vitest';
import { ChatSessionError } from '../ChatSessionError.js';
import type { ChatSessionFetchReason } from '../ChatSessionFetchReason.js';
import type { Instant } from '../computeSessionTiming.js';
import { ended, isCallOver, type Outcome } from './createCallers.js';

const LIFETIME = 600_000;
const NOW: Instant = { wall: 1_000_000, mono: 5_000 };
const ago = (ms: number): Instant => ({ wall: NOW.wall - ms, mono: NOW.mono - ms });
const END: Outcome = { end: true };
const LOOK_AGAIN: Outcome = {};
const SESSION: Outcome = { session: { client_secret: 'ek_new', expires_at: 0 } };
const FAILURE: Outcome = { error: new ChatSessionError('network', 'offline') };

describe('isCallOver', () => {
  // [when, outcome, stopped while waiting, reason, asked this long ago, the call ends]
  const table: [string, Outcome, boolean, ChatSessionFetchReason | undefined, number, boolean][] = [
    ['the controller was reset or disposed', END, false, 'on-demand', 0, true],
    ['the controller was stopped, then reset', END, true, 'on-demand', 0, true],
    ['a prefetch hears a reset', END, false, 'prefetch', 0, true],
    ['a call is parked and asked just now', LOOK_AGAIN, true, 'on-demand', 0, false],
    [
      'a call is parked and asked a millisecond short of a lifetime ago',
      LOOK_AGAIN,
      true,
      'on-demand',
      LIFETIME - 1,
      false,
    ],
    ['a call is parked and asked exactly a lifetime ago', LOOK_AGAIN, true, 'on-demand', LIFETIME, true],
    ['a call is parked and outlived its lifetime', LOOK_AGAIN, true, 'on-demand', LIFETIME + 1, true],
    ['a call with no reason given is parked within its lifetime', LOOK_AGAIN, true, undefined, 0, false],
    ['a call with no reason given is parked past its lifetime', LOOK_AGAIN, true, undefined, LIFETIME + 1, true],
    ['a prefetch is parked, though asked just now', LOOK_AGAIN, true, 'prefetch', 0, true],
    ['a call looks again without a stop, long outlived', LOOK_AGAIN, false, 'on-demand', 10 * LIFETIME, false],
    ['a prefetch looks again without a stop', LOOK_AGAIN, false, 'prefetch', 0, false],
    ['an outlived call hears a session after a stop', SESSION, true, 'on-demand', 10 * LIFETIME, false],
    ['a prefetch hears a session after a stop', SESSION, true, 'prefetch', 0, false],
    ['an outlived call hears a failure after a stop', FAILURE, true, 'on-demand', 10 * LIFETIME, false],
    ['a prefetch hears a failure after a stop', FAILURE, true, 'prefetch', 0, false],
    ['a call hears a session', SESSION, false, 'on-demand', 0, false],
    ['a call hears a failure', FAILURE, false, 'on-demand', 0, false],
  ];

  it.each(table)('tells whether the call ends when %s', (_, outcome, stopped, reason, askedAgoMs, over) => {
    expect(isCallOver(outcome, stopped, reason, ago(askedAgoMs), LIFETIME, NOW)).toBe(over);
  });

  it('counts a parked call as outlived when only the monotonic clock says its lifetime has passed', () => {
    // The wall clock was set back: it says the call was made a second ago.
    const askedAt = { wall: NOW.wall - 1_000, mono: NOW.mono - LIFETIME };
    expect(isCallOver(LOOK_AGAIN, true, 'on-demand', askedAt, LIFETIME, NOW)).toBe(true);
  });
});

describe('ended', () => {
  it('is a disposed ChatSessionError that is not retried when a call ends', () => {
    const error = ended();
    expect(error).toBeInstanceOf(ChatSessionError);
    expect(error).toMatchObject({ name: 'ChatSessionError', kind: 'disposed', retryable: false });
    expect(error.message).toBe('The session controller was stopped, reset or disposed.');
    expect(ended()).not.toBe(error);
  });
});
