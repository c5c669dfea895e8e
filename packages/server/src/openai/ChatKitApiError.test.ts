import { describe, expect, it } from 'vitest';
import { ChatKitApiError } from '../index.js';

describe('ChatKitApiError', () => {
  it('is an Error named ChatKitApiError whose absent fields read as null', () => {
    const cause = new Error('socket hang up');
    const error = new ChatKitApiError({ status: 500, message: 'boom' }, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ChatKitApiError');
    expect(error).toMatchObject({
      status: 500,
      message: 'boom',
      type: null,
      code: null,
      param: null,
      requestId: null,
      retryAfter: null,
    });
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('ChatKitApiError: boom');
  });

  it('keeps every field OpenAI sent', () => {
    const error = new ChatKitApiError({
      status: 400,
      message: "Invalid 'expires_after.seconds': must be at most 600.",
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'expires_after.seconds',
      requestId: 'req_1',
      retryAfter: null,
    });
    expect(error).toMatchObject({ code: 'invalid_value', param: 'expires_after.seconds', requestId: 'req_1' });
  });
});
