import { describe, expect, it } from 'vitest';
import type { CurrentSession } from '../ChatSessionState.js';
import type { Instant } from '../computeSessionTiming.js';
import { pickClientSecret } from './pickClientSecret.js';

const NOW: Instant = { wall: 1_000_000, mono: 5_000 };
const held = (expiresInMs: number, expiry: Instant = { wall: NOW.wall + expiresInMs, mono: NOW.mono + expiresInMs }) =>
  ({
    session: { client_secret: 'ek_held', expires_at: 0 },
    secret: 'ek_held',
    expiry,
    minValidityMs: 60_000,
  }) satisfies CurrentSession;

describe('pickClientSecret', () => {
  // [when, session held, secret being replaced, need, secret handed out]
  const table: [string, CurrentSession | null, string | null, 'usable' | 'unexpired', string | null][] = [
    ['nothing is held', null, null, 'usable', null],
    ['nothing is held, as a fallback', null, null, 'unexpired', null],
    ['the secret has ample validity', held(300_000), null, 'usable', 'ek_held'],
    ['the caller replaces another secret', held(300_000), 'ek_older', 'usable', 'ek_held'],
    ['the caller replaces this very secret', held(300_000), 'ek_held', 'usable', null],
    ['the caller replaces this very secret, as a fallback', held(300_000), 'ek_held', 'unexpired', null],
    ['exactly the minimum validity is left', held(60_000), null, 'usable', 'ek_held'],
    ['a millisecond short of the minimum validity is left', held(59_999), null, 'usable', null],
    ['short of validity but unexpired, as a fallback', held(59_999), null, 'unexpired', 'ek_held'],
    ['a millisecond is left, as a fallback', held(1), null, 'unexpired', 'ek_held'],
    ['it expires this instant, as a fallback', held(0), null, 'unexpired', null],
    ['it expired, as a fallback', held(-1), null, 'unexpired', null],
  ];

  it.each(table)('hands out the right secret (or none) when %s', (_, current, replacing, need, expected) => {
    expect(pickClientSecret(current, replacing, NOW, need)).toBe(expected);
  });

  it('refuses a secret whose validity only the wall clock overstates when the machine slept', () => {
    // The monotonic clock paused in sleep and says 5 minutes left; the wall clock ran on and says 30 s.
    const current = held(0, { wall: NOW.wall + 30_000, mono: NOW.mono + 300_000 });
    expect(pickClientSecret(current, null, NOW, 'usable')).toBeNull();
    expect(pickClientSecret(current, null, NOW, 'unexpired')).toBe('ek_held');
  });

  it('refuses a secret whose validity only the wall clock claims when it was set back', () => {
    const current = held(0, { wall: NOW.wall + 300_000, mono: NOW.mono - 1 });
    expect(pickClientSecret(current, null, NOW, 'unexpired')).toBeNull();
  });
});
