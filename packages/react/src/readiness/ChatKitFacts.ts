/** What went wrong with the ChatKit `<script>`: its URL, and the HTTP status or the CSP directive that refused it. */
export interface ChatKitScriptProblem {
  readonly src: string;
  readonly status?: number | undefined;
  readonly directive?: string | undefined;
}

/** What a watch of ChatKit has seen so far; `decideChatKitReadiness` turns it into a phase. */
export interface ChatKitFacts {
  /** The ChatKit script failed, or `null`. */
  readonly script: ChatKitScriptProblem | null;
  /** Whether a `<script>` for ChatKit is on the page. */
  readonly hasScript: boolean;
  readonly defined: boolean;
  readonly ready: boolean;
  /** Whether ChatKit asked for a credential; `null` where that cannot be seen (no `ChatKitReadiness` around). */
  readonly asked: boolean | null;
  /** Whether the current step (define, get ready, ask) took longer than the timeout. */
  readonly stalled: boolean;
  /** The message of the last `chatkit.error`, or `null`. */
  readonly chatKitError: string | null;
}
