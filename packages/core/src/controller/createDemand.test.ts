import { describe, expect, it, vi } from 'vitest';
import type { Instant } from '../computeSessionTiming.js';
import { createDemand } from './createDemand.js';

const LIFETIME = 600_000;
const NOW: Instant = { wall: 1_000_000, mono: 5_000 };
const at = (ms: number): Instant => ({ wall: NOW.wall + ms, mono: NOW.mono + ms });
// Resolves after every microtask queued before it: the end of the current task, as far as the demand can tell.
const endOfTask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function setup() {
  const onReleased = vi.fn();
  const [hold, ask, learn, lifetimeMs, needsOf] = createDemand(onReleased);
  learn(LIFETIME);
  const demand = { hold, ask, learn, lifetimeMs, needs: needsOf };
  const needs = (now: Instant = NOW) => needsOf(false, now);
  return { demand, onReleased, needs };
}

describe('createDemand', () => {
  it('needs nothing when nothing holds and nobody asked', () => {
    const { demand, needs } = setup();
    expect(needs()).toBe(false);
    expect(demand.needs(true, NOW)).toBe(true);
  });

  it('needs renewals while any hold is out when several were taken', async () => {
    const { demand, onReleased, needs } = setup();
    const first = demand.hold();
    const second = demand.hold();
    expect(needs()).toBe(true);
    first();
    await endOfTask();
    expect(needs()).toBe(true);
    expect(onReleased).not.toHaveBeenCalled();
    second();
    expect(needs()).toBe(false);
    await endOfTask();
    expect(onReleased).toHaveBeenCalledTimes(1);
  });

  it('counts a release once when it is called again', async () => {
    const { demand, onReleased, needs } = setup();
    const first = demand.hold();
    const second = demand.hold();
    first();
    first();
    // Had the second call counted, the hold still out would be forgotten.
    expect(needs()).toBe(true);
    second();
    second();
    await endOfTask();
    expect(onReleased).toHaveBeenCalledTimes(1);
    // A stale release after a new hold takes nothing from it.
    demand.hold();
    first();
    second();
    expect(needs()).toBe(true);
    await endOfTask();
    expect(onReleased).toHaveBeenCalledTimes(1);
  });

  it('calls onReleased once, after the current task, when the last hold is released', async () => {
    const { demand, onReleased } = setup();
    const release = demand.hold();
    release();
    expect(onReleased).not.toHaveBeenCalled();
    await endOfTask();
    expect(onReleased).toHaveBeenCalledTimes(1);
    await endOfTask();
    expect(onReleased).toHaveBeenCalledTimes(1);
  });

  it('does not call onReleased when the hold is released and taken again in one task (StrictMode)', async () => {
    const { demand, onReleased, needs } = setup();
    demand.hold()();
    const again = demand.hold();
    await endOfTask();
    expect(onReleased).not.toHaveBeenCalled();
    expect(needs()).toBe(true);
    again();
    await endOfTask();
    expect(onReleased).toHaveBeenCalledTimes(1);
  });

  it('needs renewals for a lifetime after a caller asks when nothing holds', () => {
    const { demand, needs } = setup();
    demand.ask(NOW);
    expect(needs(NOW)).toBe(true);
    expect(needs(at(LIFETIME - 1))).toBe(true);
    expect(needs(at(LIFETIME))).toBe(false);
    expect(needs(at(LIFETIME + 1))).toBe(false);
  });

  it('goes by the latest ask when a caller asks again', () => {
    const { demand, needs } = setup();
    demand.ask(NOW);
    demand.ask(at(100_000));
    expect(needs(at(LIFETIME + 99_999))).toBe(true);
    expect(needs(at(LIFETIME + 100_000))).toBe(false);
  });

  it('forgets the ask when the last hold is released', () => {
    const { demand, needs } = setup();
    const first = demand.hold();
    const second = demand.hold();
    demand.ask(NOW);
    first();
    second();
    expect(needs(at(1))).toBe(false);
  });

  it('needs renewals again when a caller asks after the last hold was released', () => {
    const { demand, needs } = setup();
    const release = demand.hold();
    release();
    demand.ask(at(10));
    expect(needs(at(11))).toBe(true);
  });
});

describe('createDemand lifetime', () => {
  it("counts an ask as a need for ChatKit's longest lifetime until it learns a session's, then for that one", () => {
    const [, ask, learn, lifetimeMs, needs] = createDemand(() => {});
    const demand = { ask, learn, lifetimeMs, needs };
    expect(demand.lifetimeMs()).toBe(600_000);
    demand.ask(NOW);
    const after = (ms: number): Instant => ({ wall: NOW.wall + ms, mono: NOW.mono + ms });
    expect(demand.needs(false, after(599_999))).toBe(true);
    demand.learn(120_000);
    expect(demand.lifetimeMs()).toBe(120_000);
    expect(demand.needs(false, after(119_999))).toBe(true);
    expect(demand.needs(false, after(120_000))).toBe(false);
  });
});
