import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithSession } from '../test/renderWithSession.js';
import { type UseChatSessionResult, useChatSession } from './index.js';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useChatSession', () => {
  it('applies a new selector at once when its props change and the session does not', async () => {
    function Field({ name }: { name: keyof Pick<UseChatSessionResult, 'status' | 'clientSecret'> }) {
      return <output>{useChatSession((session) => session[name])}</output>;
    }
    const { container, rerenderWith } = renderWithSession(<Field name="status" />);
    await advance(100);
    expect(container.textContent).toBe('active');
    rerenderWith(<Field name="clientSecret" />);
    expect(container.textContent).toBe('ek_test_1');
  });
});
