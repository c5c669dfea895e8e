import type { ChatSessionContextValue } from '../ChatSessionContext.js';

/** Whether ChatKit asked for a credential through a provider's context, and who wants to hear when it does. */
export interface ChatKitAsks {
  /** The context to give ChatKit's hooks: the same, but its actions report each ask. */
  readonly value: ChatSessionContextValue;
  asked: boolean;
  readonly listeners: Set<() => void>;
}

// Keyed both by the provider's context and by the observed one, so a hook on either side of the boundary finds it.
const observed = new WeakMap<ChatSessionContextValue, ChatKitAsks>();

/**
 * Returns the asks of a context that `ChatKitReadiness` observes, or `undefined` where none does.
 *
 * @param context The context a hook reads.
 * @returns The asks, if observed.
 */
export const findChatKitAsks = (context: ChatSessionContextValue) => observed.get(context);

/**
 * Wraps a provider's context so that every ask for a credential through it (`getClientSecret` of `useChatKitApi()`, each
 * request through the `fetch` of `useChatKitCustomApi()`) is reported: the signal that ChatKit got past its frame.
 *
 * @param context The provider's context.
 * @returns The asks, with the wrapped context; the same for the same context.
 */
export function observeChatKitAsks(context: ChatSessionContextValue): ChatKitAsks {
  const known = observed.get(context);
  if (known) return known;
  const { actions } = context;
  const mark = () => {
    asks.asked = true;
    for (const listener of asks.listeners) listener();
  };
  const asks: ChatKitAsks = {
    value: {
      ...context,
      results: new WeakMap(),
      actions: {
        ...actions,
        getClientSecret(replacing) {
          mark();
          return actions.getClientSecret(replacing);
        },
        bind() {
          const bound = actions.bind();
          return {
            ...bound,
            getClientSecret(replacing) {
              mark();
              return bound.getClientSecret(replacing);
            },
          };
        },
      },
    },
    asked: false,
    listeners: new Set(),
  };
  observed.set(context, asks);
  observed.set(asks.value, asks);
  return asks;
}
