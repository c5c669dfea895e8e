/** Why the controller is asking for a new session. */
export type ChatSessionFetchReason =
  /** The first session, on `start()` or the first `getClientSecret()`. */
  | 'initial'
  /** The renewal timer came due. */
  | 'scheduled'
  /** A caller needed a secret and the current one had too little validity left, or ChatKit asked for a new one. */
  | 'on-demand'
  /** `refresh()` was called. */
  | 'manual'
  /** `prefetch()` was called (the user showed intent to chat) and no usable secret was held. */
  | 'prefetch'
  /** The page woke up (visible again, restored, focused, back online) past the renewal time. */
  | 'wake'
  /** A retry after a transient failure. */
  | 'retry';
