import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { chatSessionQueryKey } from './index.js';

describe('chatSessionQueryKey', () => {
  it('keeps the sessions of two users apart in one QueryClient', () => {
    const client = new QueryClient();
    client.setQueryData(chatSessionQueryKey('alice'), 'secret-a');
    client.setQueryData(chatSessionQueryKey('bob'), 'secret-b');
    expect(client.getQueryData(chatSessionQueryKey('alice'))).toBe('secret-a');
    expect(client.getQueryData(chatSessionQueryKey('bob'))).toBe('secret-b');
    expect(client.getQueryData(chatSessionQueryKey())).toBeUndefined();
  });
});
