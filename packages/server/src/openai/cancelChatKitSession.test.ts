import { describe, expect, it } from 'vitest';
import { ChatKitApiError, cancelChatKitSession, createChatKitSession } from '../index.js';
import { createMockChatKitApi } from '../mock.js';

const API_KEY = 'sk-proj-cancelTESTKEY77';

describe('cancelChatKitSession', () => {
  it('answers the session with status cancelled when it was active', async () => {
    const mock = createMockChatKitApi();
    const options = { apiKey: API_KEY, fetch: mock.fetch };
    const session = await createChatKitSession({ workflow: { id: 'wf_1' }, user: 'user_1' }, options);
    const cancelled = await cancelChatKitSession(session.id, options);
    expect(cancelled).toMatchObject({ id: session.id, status: 'cancelled', client_secret: session.client_secret });
    expect(mock.sessions.get(session.id)?.status).toBe('cancelled');
    expect(mock.calls.map((call) => [call.endpoint, call.path, call.status])).toEqual([
      ['create', '/v1/chatkit/sessions', 200],
      ['cancel', `/v1/chatkit/sessions/${session.id}/cancel`, 200],
    ]);
  });

  it('throws a 404 ChatKitApiError when the session does not exist', async () => {
    const mock = createMockChatKitApi();
    const error = await cancelChatKitSession('cksess_missing', { apiKey: API_KEY, fetch: mock.fetch }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ChatKitApiError);
    expect(error).toMatchObject({ status: 404, message: "Session with id 'cksess_missing' not found." });
  });

  it('encodes the id so it cannot reach another path', async () => {
    const mock = createMockChatKitApi();
    const error = await cancelChatKitSession('../../files', { apiKey: API_KEY, fetch: mock.fetch }).catch(
      (caught: unknown) => caught,
    );
    expect(mock.calls[0]?.path).toBe('/v1/chatkit/sessions/..%2F..%2Ffiles/cancel');
    expect(error).toMatchObject({ status: 404, message: "Session with id '../../files' not found." });
  });

  it('throws a TypeError and sends nothing when the id is empty', async () => {
    const mock = createMockChatKitApi();
    await expect(cancelChatKitSession('', { apiKey: API_KEY, fetch: mock.fetch })).rejects.toThrow(TypeError);
    expect(mock.calls).toHaveLength(0);
  });

  it('throws a TypeError and sends nothing when the API key is missing', async () => {
    const mock = createMockChatKitApi();
    await expect(cancelChatKitSession('cksess_1', { apiKey: '', fetch: mock.fetch })).rejects.toThrow(
      'cancelChatKitSession needs an OpenAI API key',
    );
    expect(mock.calls).toHaveLength(0);
  });
});
