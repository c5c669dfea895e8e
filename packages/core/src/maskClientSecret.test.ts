import { describe, expect, it } from 'vitest';
import { maskClientSecret } from './maskClientSecret.js';

describe('maskClientSecret', () => {
  it('keeps the prefix and the last four characters of a long secret', () => {
    expect(maskClientSecret('ek_68f2c1d0a9b34e7f8a1b2c3d4e5fx9Qa')).toBe('ek_…x9Qa');
  });

  it('hides everything but the prefix when the secret is short', () => {
    expect(maskClientSecret('ek_test_1')).toBe('ek_…');
    expect(maskClientSecret('0123456789')).toBe('…');
  });

  it('shows a dash without a secret', () => {
    expect(maskClientSecret(null)).toBe('–');
  });
});
