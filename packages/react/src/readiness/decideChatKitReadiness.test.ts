import { ChatSessionError } from '@chatkit-session/core';
import { describe, expect, it } from 'vitest';
import type { ChatKitFacts } from './ChatKitFacts.js';
import { decideChatKitReadiness } from './decideChatKitReadiness.js';

const loading: ChatKitFacts = {
  script: null,
  hasScript: true,
  defined: false,
  ready: false,
  asked: false,
  stalled: false,
  chatKitError: null,
};

describe('decideChatKitReadiness', () => {
  it.each<[string, Partial<ChatKitFacts>, string]>([
    ['a slow script', {}, 'loading'],
    ['a slow frame', { defined: true }, 'loading'],
    ['a slow first ask', { defined: true, ready: true }, 'loading'],
    ['a stalled script', { stalled: true }, 'undefined'],
    ['no script, stalled', { hasScript: false, stalled: true }, 'script-failed'],
    ['a stalled frame', { defined: true, stalled: true }, 'not-ready'],
    ['no ask, stalled', { defined: true, ready: true, stalled: true }, 'no-credential-request'],
    ['asks not observed', { defined: true, ready: true, asked: null }, 'ready'],
    ['an ask', { defined: true, ready: true, asked: true }, 'ready'],
    ['a failed script, then defined', { script: { src: 'x', status: 404 }, defined: true }, 'loading'],
  ])('says %s (%j) is %s', (_, facts, phase) => {
    expect(decideChatKitReadiness({ ...loading, ...facts }, null, 15_000).phase).toBe(phase);
  });

  it('puts the failing session first, with its kind and request id', () => {
    const error = new ChatSessionError('server', 'HTTP 500', { status: 500, requestId: 'req_1' });
    const { phase, reason } = decideChatKitReadiness({ ...loading, chatKitError: 'x' }, error, 15_000);
    expect(phase).toBe('credential-failing');
    expect(reason).toContain('server, HTTP 500, request id req_1');
  });

  it('never repeats a secret or a key that a chatkit.error message carries', () => {
    const chatKitError = 'Invalid client secret ek_68f0a1b2c3d4e5f6a7b8c9d0 for domain_pk_68f0a1b2c3d4e5f6a7';
    const { phase, reason } = decideChatKitReadiness({ ...loading, chatKitError }, null, 15_000);
    expect(phase).toBe('chatkit-error');
    expect(reason).toContain('Invalid client secret');
    expect(reason).not.toMatch(/68f0a1b2/);
  });
});
