import { describe, expect, it } from 'vitest';
import { createMemoryUserBudgetStore } from '../index.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const signal = new AbortController().signal;
const at = (now: number, limit = 2) => ({ limit, windowMs: 60_000, now, signal });

describe('createMemoryUserBudgetStore', () => {
  it('counts up to the limit and then refuses until the window ends', async () => {
    const store = createMemoryUserBudgetStore();
    expect(await store.consume('u1', at(T0))).toMatchObject({ allowed: true, resetInMs: 60_000 });
    expect(await store.consume('u1', at(T0 + 10_000))).toMatchObject({ allowed: true, resetInMs: 50_000 });
    expect(await store.consume('u1', at(T0 + 59_999))).toMatchObject({ allowed: false, resetInMs: 1 });
    expect(await store.consume('u1', at(T0 + 60_000))).toMatchObject({ allowed: true, resetInMs: 60_000 });
  });

  it('gives a refunded mint back within the window, and nothing to a window that ended', async () => {
    const store = createMemoryUserBudgetStore();
    const { window } = await store.consume('u1', at(T0));
    await store.consume('u1', at(T0));
    await store.refund('u1', { ...at(T0 + 1_000), window });
    expect(await store.consume('u1', at(T0 + 2_000))).toMatchObject({ allowed: true });
    expect(await store.consume('u1', at(T0 + 2_000))).toMatchObject({ allowed: false });
    await store.refund('u1', { ...at(T0 + 60_000), window });
    await store.refund('never-seen', { ...at(T0), window });
    expect(await store.consume('u1', at(T0 + 60_000))).toMatchObject({ allowed: true, resetInMs: 60_000 });
  });

  it('gives a refund only to the window that counted the mint, not to the next one', async () => {
    const store = createMemoryUserBudgetStore();
    const spent = await store.consume('u1', at(T0));
    // The mint is still in flight when the window rolls; the next window fills up.
    expect(await store.consume('u1', at(T0 + 60_000))).toMatchObject({ allowed: true });
    expect(await store.consume('u1', at(T0 + 60_000))).toMatchObject({ allowed: true });
    await store.refund('u1', { ...at(T0 + 61_000), window: spent.window });
    expect(await store.consume('u1', at(T0 + 61_000))).toMatchObject({ allowed: false });
  });

  it('ends a window one handed-out lifetime after it started when shorten says so, and never later', async () => {
    const store = createMemoryUserBudgetStore();
    const { window } = await store.consume('u1', at(T0));
    await store.consume('u1', at(T0 + 5_000));
    await store.shorten('u1', { ...at(T0 + 5_000), windowMs: 30_000, window });
    expect(await store.consume('u1', at(T0 + 29_999))).toMatchObject({ allowed: false, resetInMs: 1 });
    await store.shorten('u1', { ...at(T0 + 29_999), windowMs: 45_000, window });
    expect(await store.consume('u1', at(T0 + 30_000))).toMatchObject({ allowed: true, resetInMs: 60_000 });
    // The old window's lifetime says nothing about the new one.
    await store.shorten('u1', { ...at(T0 + 30_000), windowMs: 1_000, window });
    expect(await store.consume('u1', at(T0 + 31_000))).toMatchObject({ allowed: true, resetInMs: 59_000 });
  });

  it('tracks at most maxUsers users, evicting the oldest window first', async () => {
    const store = createMemoryUserBudgetStore({ maxUsers: 100 });
    for (let user = 0; user < 1_000; user += 1) await store.consume(`user_${user}`, at(T0 + user));
    expect(store.size).toBe(100);
    // The newest windows stay: the last user is still counted; the first one was evicted and starts over.
    expect(await store.consume('user_999', at(T0 + 1_000))).toMatchObject({ allowed: true });
    expect(await store.consume('user_999', at(T0 + 1_000))).toMatchObject({ allowed: false });
    expect(await store.consume('user_0', at(T0 + 1_000))).toMatchObject({ allowed: true, resetInMs: 60_000 });
    expect(store.size).toBe(100);
  });

  it('tracks 50,000 users unless told otherwise', async () => {
    const store = createMemoryUserBudgetStore();
    for (let user = 0; user < 50_100; user += 1) await store.consume(`user_${user}`, at(T0));
    expect(store.size).toBe(50_000);
  });

  it.each([0, 1.5, -3, 'many'])('throws a TypeError naming maxUsers for %j', (maxUsers) => {
    expect(() => createMemoryUserBudgetStore({ maxUsers } as never)).toThrow(
      'createMemoryUserBudgetStore: maxUsers must be a whole number of 1 or more',
    );
  });

  it('drops the windows that ended, so users who stopped asking do not pile up', async () => {
    const store = createMemoryUserBudgetStore();
    for (let user = 0; user < 1_000; user += 1) await store.consume(`user_${user}`, at(T0 + user));
    expect(store.size).toBe(1_000);
    await store.consume('late', at(T0 + 60_500));
    // The first 501 windows (started before T0 + 501) have ended; the rest and the new one remain.
    expect(store.size).toBe(500);
    await store.consume('later', at(T0 + 200_000));
    expect(store.size).toBe(1);
  });
});
