import { describe, expect, it } from 'vitest';
import { ChatSessionValidationError, parseChatSession } from './index.js';

// The example response of OpenAI's OpenAPI spec for `POST /v1/chatkit/sessions`.
const specExample = {
  client_secret: 'ek_token_123',
  expires_at: 1735689600,
  id: 'cksess_123',
  max_requests_per_1_minute: 30,
  object: 'chatkit.session',
  rate_limits: { max_requests_per_1_minute: 30 },
  status: 'active',
  user: 'user_123',
  workflow: { id: 'workflow_alpha', version: '1', state_variables: null, tracing: { enabled: true } },
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true },
    file_upload: { enabled: true, max_file_size: 512, max_files: 10 },
    history: { enabled: true, recent_threads: null },
  },
};

function errorOf(value: unknown): ChatSessionValidationError {
  try {
    parseChatSession(value);
  } catch (error) {
    if (error instanceof ChatSessionValidationError) return error;
    throw error;
  }
  throw new Error('expected parseChatSession to throw');
}

describe('parseChatSession', () => {
  it('parses the example response of the API spec', () => {
    const session = parseChatSession(specExample);
    expect(session.id).toBe('cksess_123');
    expect(session.client_secret).toBe('ek_token_123');
    expect(session.expires_at).toBe(1735689600);
    expect(session.chatkit_configuration.history.recent_threads).toBeNull();
  });

  it('parses a response with unknown extra fields, dropping them', () => {
    const session = parseChatSession({
      ...specExample,
      brand_new_field: { nested: true },
      workflow: { ...specExample.workflow, experimental: 1 },
    });
    expect(session.id).toBe('cksess_123');
    expect(session).not.toHaveProperty('brand_new_field');
  });

  it('parses a response with max_files: null', () => {
    const session = parseChatSession({
      ...specExample,
      chatkit_configuration: {
        ...specExample.chatkit_configuration,
        file_upload: { enabled: false, max_file_size: null, max_files: null },
      },
    });
    expect(session.chatkit_configuration.file_upload.max_files).toBeNull();
  });

  it('fills in object and absent nullable fields', () => {
    const { object: _object, ...withoutObject } = specExample;
    const session = parseChatSession({ ...withoutObject, workflow: { id: 'wf_1', tracing: { enabled: false } } });
    expect(session.object).toBe('chatkit.session');
    expect(session.workflow.version).toBeNull();
    expect(session.workflow.state_variables).toBeNull();
  });

  it.each(['active', 'expired', 'cancelled'])('accepts status %s', (status) => {
    expect(parseChatSession({ ...specExample, status }).status).toBe(status);
  });

  it('rejects an unknown status, naming the allowed ones', () => {
    expect(errorOf({ ...specExample, status: 'paused' }).issues).toEqual([
      { path: 'status', message: 'must be one of "active" | "expired" | "cancelled"' },
    ]);
  });

  it('rejects an object other than chatkit.session', () => {
    expect(errorOf({ ...specExample, object: 'chat.completion' }).issues).toEqual([
      { path: 'object', message: 'must be "chatkit.session"' },
    ]);
  });

  it.each([
    ['in milliseconds', 1735689600000, 'looks like milliseconds: it must be Unix seconds'],
    ['negative', -1, 'must be Unix seconds, not a negative number'],
    ['fractional', 1735689600.5, 'must be a whole number of Unix seconds'],
    ['NaN', Number.NaN, 'must be a number, got NaN'],
    ['a string', '1735689600', 'must be a number, got a string'],
  ])('rejects expires_at %s with a message that says so', (_, expiresAt, expected) => {
    const error = errorOf({ ...specExample, expires_at: expiresAt });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe('expires_at');
    expect(error.message).toContain(`expires_at: ${expected}`);
  });

  it('lists every problem of a broken response with its dotted path', () => {
    const error = errorOf({
      ...specExample,
      rate_limits: { max_requests_per_1_minute: 'many' },
      chatkit_configuration: { ...specExample.chatkit_configuration, history: { enabled: 'yes' } },
    });
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'rate_limits.max_requests_per_1_minute',
      'chatkit_configuration.history.enabled',
    ]);
    expect(error.message).toMatch(/^Invalid ChatKit session \(2 problems\):/);
  });

  it('rejects something that is not an object without a path', () => {
    expect(errorOf('<html>502 Bad Gateway</html>').message).toBe(
      'Invalid ChatKit session (1 problem):\n  - must be an object, got a string',
    );
  });

  it('never puts the client secret in its message or issues, whatever is wrong', () => {
    const secret = 'ek_live_4f8a0c2e9b7d1f3a';
    const candidates = [
      { ...specExample, client_secret: secret, expires_at: 'soon' },
      { ...specExample, client_secret: secret, status: secret },
      { ...specExample, client_secret: secret, id: secret, user: 7 },
      { ...specExample, client_secret: [secret] },
      { ...specExample, client_secret: { value: secret } },
      secret,
    ];
    for (const candidate of candidates) {
      const error = errorOf(candidate);
      expect(`${error.message}${JSON.stringify(error.issues)}${error.stack}`).not.toContain(secret);
    }
  });
});
