import { createChatSessionEnvironment } from '@chatkit-session/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatKitFacts } from './ChatKitFacts.js';
import { watchChatKit } from './watchChatKit.js';

describe('watchChatKit', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts the timeout only while the page is visible, and leaves no timer or listener after stop()', () => {
    let visible = true;
    const page = new EventTarget();
    const listening = vi.spyOn(page, 'removeEventListener');
    const environment = createChatSessionEnvironment({
      isVisible: () => visible,
      eventTarget: page,
      monotonicNow: () => Date.now(),
    });
    const seen: ChatKitFacts[] = [];
    const watch = watchChatKit({
      element: () => null,
      environment,
      stallMs: 15_000,
      isChatKitScript: () => false,
      seesAsks: true,
      onChange: (facts) => seen.push(facts),
    });
    const stalled = () => seen.at(-1)?.stalled;
    const setVisible = (value: boolean) => {
      visible = value;
      page.dispatchEvent(new Event('visibilitychange'));
    };

    vi.advanceTimersByTime(10_000);
    expect(stalled()).toBe(false);
    setVisible(false);
    // A minute in a background tab is no stall: the browser throttles it, and nobody is looking.
    vi.advanceTimersByTime(60_000);
    expect(stalled()).toBe(false);
    setVisible(true);
    vi.advanceTimersByTime(4_900);
    expect(stalled()).toBe(false);
    vi.advanceTimersByTime(200);
    expect(stalled()).toBe(true);

    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(listening).toHaveBeenCalledWith('visibilitychange', expect.any(Function));
  });

  it('leaves no timer once ChatKit is ready and asked for its credential', () => {
    const element = document.createElement('openai-chatkit');
    document.body.append(element);
    const watch = watchChatKit({
      element: () => element,
      environment: createChatSessionEnvironment({ isVisible: () => true, eventTarget: null }),
      stallMs: 15_000,
      isChatKitScript: () => false,
      seesAsks: true,
      onChange: () => undefined,
    });
    element.dispatchEvent(new CustomEvent('chatkit.ready'));
    expect(vi.getTimerCount()).toBe(1);
    watch.asked();
    expect(vi.getTimerCount()).toBe(0);
    watch.stop();
    element.remove();
  });
});
