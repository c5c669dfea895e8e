import { Component, type ReactNode, useLayoutEffect } from 'react';
import { useChatSessionContext } from '../src/useChatSessionContext.js';
import { getSeamsHarness } from './seamsHarness.js';

/** Listens to the current controller (holding nothing): it must not notify while a component renders. */
export function RenderWatcher() {
  const { controller } = useChatSessionContext('RenderWatcher');
  useLayoutEffect(
    () =>
      controller.subscribe(() => {
        const h = getSeamsHarness();
        // React warns when that reaches a mounted component's useSyncExternalStore (the badge, a committed consumer).
        if (h.renderingSuspense && h.mountedReaders > 0)
          h.violate(
            'react-update-in-render',
            'the controller notified mounted useChatSession readers while useSuspenseChatSession rendered (React: "Cannot update a component while rendering a different component")',
          );
      }),
    [controller],
  );
  return null;
}

/** Notes in the harness which sessionKey the app committed, and when. */
export function KeyProbe({ renderKey }: { renderKey: string }) {
  useLayoutEffect(() => {
    const h = getSeamsHarness();
    if (h.committedKey === renderKey) return;
    // ChatKit's calls still waiting reject as superseded; the stand-in asks the new user's controller again.
    h.committedKey = renderKey;
    h.switchedAt = performance.now();
    h.switches += 1;
  }, [renderKey]);
  return null;
}

/** Reports what a component throws as a breach, and renders nothing from then on. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    getSeamsHarness().violate('error', `a component threw ${String(error)}`);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
