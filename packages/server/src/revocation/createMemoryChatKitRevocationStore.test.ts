import { describe, expect, it } from 'vitest';
import { createMemoryChatKitRevocationStore } from '../index.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

describe('createMemoryChatKitRevocationStore', () => {
  it('remembers when each user signed out, on its clock, and nothing for anyone else', async () => {
    let clock = T0;
    const store = createMemoryChatKitRevocationStore({ now: () => clock });
    await store.revoke('ada');
    clock += 1500;
    await store.revoke('grace');
    expect([await store.getRevokedAt('ada'), await store.getRevokedAt('grace')]).toEqual([T0, T0 + 1500]);
    expect(await store.getRevokedAt('linus')).toBeNull();
    clock += 1000;
    await store.revoke('ada');
    expect(await store.getRevokedAt('ada')).toBe(T0 + 2500);
  });

  it('forgets a sign-out after retainSeconds, when no token issued before it can still be valid', async () => {
    let clock = T0;
    const store = createMemoryChatKitRevocationStore({ now: () => clock, retainSeconds: 60 });
    await store.revoke('ada');
    clock += 59_999;
    expect(await store.getRevokedAt('ada')).toBe(T0);
    clock += 1;
    expect(await store.getRevokedAt('ada')).toBeNull();
    expect(store.size).toBe(0);
  });

  it('holds at most maxUsers; an evicted sign-out still refuses what it refused, for everyone', async () => {
    let clock = T0;
    const store = createMemoryChatKitRevocationStore({ now: () => clock, maxUsers: 2 });
    for (const user of ['ada', 'grace', 'linus']) {
      await store.revoke(user);
      clock += 1000;
    }
    expect(store.size).toBe(2);
    // ada's entry went; what it refused (tokens issued up to T0) stays refused, for every user without a later one.
    expect(await store.getRevokedAt('ada')).toBe(T0);
    expect(await store.getRevokedAt('nobody')).toBe(T0);
    expect(await store.getRevokedAt('linus')).toBe(T0 + 2000);
  });

  it('refuses malformed options by name', () => {
    expect(() => createMemoryChatKitRevocationStore({ maxUsers: 0 })).toThrow('maxUsers');
    expect(() => createMemoryChatKitRevocationStore({ retainSeconds: 1.5 })).toThrow('retainSeconds');
    expect(() => createMemoryChatKitRevocationStore({ max: 3 } as never)).toThrow('unknown option `max`');
  });
});
