import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChatSessionController,
  type ChatSessionCredential,
  type ChatSessionResource,
  createChatSessionController,
  parseChatSession,
} from './index.js';

const fetchSession = () => fetch('/api/chatkit/session', { method: 'POST' });

/** An OpenAI Realtime client secret, as an app's own parser would type it. */
interface RealtimeClientSecret {
  readonly value: string;
  readonly expires_at: number;
  readonly session: { readonly type: 'realtime'; readonly model: string };
}

describe('createChatSessionController', () => {
  it('types state.session as what the controller checked when there is no parser', () => {
    const controller = createChatSessionController({ fetchSession });
    expectTypeOf(controller).toEqualTypeOf<ChatSessionController<ChatSessionCredential>>();
    const { session } = controller.getState();
    expectTypeOf(session).toEqualTypeOf<ChatSessionCredential | null>();
    // Fields the controller did not check are unknown, not a ChatKit session's.
    expectTypeOf(session?.workflow).toEqualTypeOf<unknown>();
    expectTypeOf(session?.expires_at).toEqualTypeOf<number | undefined>();
    expectTypeOf(session).not.toEqualTypeOf<ChatSessionResource | null>();
  });

  it("types state.session as the parser's output with parseChatSession", () => {
    const controller = createChatSessionController({ fetchSession, parseSession: parseChatSession });
    expectTypeOf(controller.getState().session).toEqualTypeOf<ChatSessionResource | null>();
    expectTypeOf(controller.refresh()).toEqualTypeOf<Promise<ChatSessionResource>>();
    expectTypeOf(controller.getState().session?.workflow.id).toEqualTypeOf<string | undefined>();
  });

  it("types state.session as a custom parser's output, such as a Realtime client secret", () => {
    const controller = createChatSessionController({
      fetchSession: ({ currentSession }) => {
        expectTypeOf(currentSession).toEqualTypeOf<RealtimeClientSecret | null>();
        return fetchSession();
      },
      parseSession: (value: unknown) => value as RealtimeClientSecret,
    });
    expectTypeOf(controller.getState().session).toEqualTypeOf<RealtimeClientSecret | null>();
    controller.subscribe((state) => expectTypeOf(state.session).toEqualTypeOf<RealtimeClientSecret | null>());
  });

  it('refuses a parser whose output has no secret and expiry', () => {
    // @ts-expect-error A credential needs `client_secret` or `value`, and `expires_at`.
    createChatSessionController({ fetchSession, parseSession: (value) => value as { token: string } });
  });
});
