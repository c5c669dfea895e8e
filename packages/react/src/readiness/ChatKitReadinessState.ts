/**
 * Where ChatKit stands on the page, as `useChatKitReadiness` sees it:
 * - `loading`: still loading (the script, the element, its frame or its first credential); a slow network is no error;
 * - `script-failed`: the ChatKit `<script>` failed (HTTP error, blocked by the CSP or an ad blocker), or there is none;
 * - `undefined`: `<openai-chatkit>` was not defined within the timeout;
 * - `not-ready`: defined, but its frame sent no `chatkit.ready` within the timeout;
 * - `no-credential-request`: ready, but ChatKit never asked for a credential within the timeout;
 * - `chatkit-error`: the element emitted `chatkit.error` before it was ready and asked (later ones are ChatKit's to show);
 * - `credential-failing`: the session endpoint failed (`ChatSessionError`) and there is no usable secret;
 * - `ready`: ready, and it asked for its credential.
 */
export type ChatKitReadinessPhase =
  | 'loading'
  | 'script-failed'
  | 'undefined'
  | 'not-ready'
  | 'no-credential-request'
  | 'chatkit-error'
  | 'credential-failing'
  | 'ready';

/** A phase with the sentence that says what to check. */
export interface ChatKitReadinessVerdict {
  readonly phase: ChatKitReadinessPhase;
  /** One sentence a developer can act on; never contains a secret. */
  readonly reason: string;
}

/** What `useChatKitReadiness` returns: the phase, why, since when, and a way to try again. */
export interface ChatKitReadinessState extends ChatKitReadinessVerdict {
  /** When this phase began, on the local wall clock (epoch milliseconds). */
  readonly since: number;
  /** Reloads the ChatKit script where that can help, asks for a new session when it failed, and starts watching anew. */
  readonly retry: () => void;
}
