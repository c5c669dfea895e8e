import { ChatSessionError, type ChatSessionState } from '@chatkit-session/core';
import { describe, expect, it } from 'vitest';
import { sessionFixture } from '../../core/test/createTestBackend.js';
import { getChatSessionTimelineEvents } from './getChatSessionTimelineEvents.js';

const session = (id: string) => ({ ...sessionFixture, id, client_secret: `ek_${id}` });
const first = session('cksess_1');
const idle: ChatSessionState = {
  status: 'idle',
  session: null,
  clientSecret: null,
  expiresAt: null,
  refreshAt: null,
  error: null,
  attempt: 0,
};
const loading: ChatSessionState = { ...idle, status: 'loading' };
const active: ChatSessionState = {
  ...idle,
  status: 'active',
  session: first,
  clientSecret: first.client_secret,
  expiresAt: 1,
  refreshAt: 0,
};
const failure = new ChatSessionError('server', 'The session endpoint answered 503.', { status: 503, requestId: 'r' });

describe('getChatSessionTimelineEvents', () => {
  it('reports the first session as started and the next as renewed', () => {
    expect(getChatSessionTimelineEvents(loading, active)).toEqual([
      { kind: 'started', sessionId: 'cksess_1', error: null },
    ]);
    const second = session('cksess_2');
    expect(getChatSessionTimelineEvents(active, { ...active, session: second })).toEqual([
      { kind: 'renewed', sessionId: 'cksess_2', error: null },
    ]);
  });

  it('reports each new failure once, and an expiry that comes with it', () => {
    const failed = { ...active, error: failure, attempt: 1 };
    expect(getChatSessionTimelineEvents(active, failed)).toEqual([{ kind: 'failed', sessionId: null, error: failure }]);
    expect(getChatSessionTimelineEvents(failed, { ...failed, status: 'refreshing' })).toEqual([]);
    const expired = { ...failed, status: 'error' as const, session: null, clientSecret: null, expiresAt: null };
    const again = new ChatSessionError('network', 'fetchSession failed.');
    expect(getChatSessionTimelineEvents(failed, { ...expired, error: again })).toEqual([
      { kind: 'failed', sessionId: null, error: again },
      { kind: 'expired', sessionId: 'cksess_1', error: null },
    ]);
  });

  it('reports a reset, and nothing for a request that starts or a deadline that moves', () => {
    expect(getChatSessionTimelineEvents(active, idle)).toEqual([{ kind: 'reset', sessionId: null, error: null }]);
    expect(getChatSessionTimelineEvents(idle, loading)).toEqual([]);
    expect(getChatSessionTimelineEvents(active, { ...active, status: 'refreshing', refreshAt: 5 })).toEqual([]);
  });
});
