import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { renderWithSession } from '../test/renderWithSession.js';
import { type UseChatKitApiResult, useChatKitApi, useChatSession } from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useChatKitApi', () => {
  it('keeps returning the hosted { getClientSecret } when called with no argument', async () => {
    const seen = new Set<UseChatKitApiResult>();
    function Api() {
      const api = useChatKitApi();
      expectTypeOf(api).toEqualTypeOf<UseChatKitApiResult>();
      seen.add(api);
      useChatSession();
      return null;
    }
    const { backend } = renderWithSession(<Api />);
    await advance(100);
    await advance(18 * MINUTE);
    expect(backend.requests).toBeGreaterThanOrEqual(3);
    expect(seen.size).toBe(1);
    const [api] = seen;
    expect(Object.keys(api ?? {})).toEqual(['getClientSecret']);
    const secret = await act(() => api?.getClientSecret(null));
    expect(secret).toBe(`ek_test_${backend.requests}`);
  });

  it('throws a TypeError naming useChatKitCustomApi when given the options of custom-backend mode', () => {
    function Api() {
      useChatKitApi({ url: '/api/chatkit', domainKey: 'domain_pk_test' } as never);
      return null;
    }
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderWithSession(<Api />)).toThrow(/useChatKitApi\(\) takes no options: use useChatKitCustomApi\(\)/);
  });
});
