'use client';
import { useChatKitApi } from '@chatkit-session/react';
import { useEffect, useState } from 'react';

/** What the stand-in saw of `getClientSecret`, kept on `window.chatkitStandIn` for the browser test. */
export interface GetClientSecretCalls {
  calls: number;
  resolved: number;
  rejected: number;
  readonly errors: string[];
}

declare global {
  interface Window {
    chatkitStandIn?: GetClientSecretCalls;
  }
}

/**
 * Stands in for `<ChatKit>` of `@openai/chatkit-react` in hosted mode: like ChatKit, it asks `getClientSecret(null)`
 * when it mounts, and it counts what came back. Under StrictMode (`next dev`) it mounts twice; both calls resolve.
 * With OpenAI set up, render `<ChatKit control={useChatKit({ api: useChatKitApi() }).control} />` here instead.
 */
export function ChatKitStandIn() {
  const { getClientSecret } = useChatKitApi();
  const [seen, setSeen] = useState<GetClientSecretCalls | null>(null);
  useEffect(() => {
    window.chatkitStandIn ??= { calls: 0, resolved: 0, rejected: 0, errors: [] };
    const calls = window.chatkitStandIn;
    const show = () => setSeen({ ...calls, errors: [...calls.errors] });
    calls.calls += 1;
    show();
    getClientSecret(null).then(
      () => {
        calls.resolved += 1;
        show();
      },
      (error: unknown) => {
        calls.rejected += 1;
        calls.errors.push(String(error));
        show();
      },
    );
  }, [getClientSecret]);
  return (
    <section aria-label="ChatKit stand-in">
      <h2>ChatKit stand-in</h2>
      <p data-testid="stand-in-calls">
        {seen
          ? `getClientSecret: ${seen.calls} calls, ${seen.resolved} resolved, ${seen.rejected} rejected`
          : 'getClientSecret: not called yet'}
      </p>
    </section>
  );
}
