import type { ChatSessionEnvironment } from '@chatkit-session/core';
import type { ChatKitFacts, ChatKitScriptProblem } from './ChatKitFacts.js';

/** What `watchChatKit` needs. */
export interface WatchChatKitOptions {
  /** The `<openai-chatkit>` element, read when an event arrives (it may mount after the watch begins). */
  readonly element: () => Element | null | undefined;
  readonly environment: ChatSessionEnvironment;
  /** How long each step (define, get ready, ask) may take while the page is visible. */
  readonly stallMs: number;
  /** Whether a script URL is ChatKit's. */
  readonly isChatKitScript: (src: string) => boolean;
  /** Whether ChatKit's asks for a credential can be seen (then `asked()` reports each). */
  readonly seesAsks: boolean;
  /** Called with the new facts each time they change. */
  readonly onChange: (facts: ChatKitFacts) => void;
}

/** A running watch: report an ask, reload the script, stop. */
export interface ChatKitWatch {
  readonly asked: () => void;
  readonly retry: () => void;
  readonly stop: () => void;
}

const TAG = 'openai-chatkit';
type CspReport = { body: { blockedURL?: string; effectiveDirective?: string } | null };

/**
 * Watches ChatKit get onto the page: its script's failures (HTTP errors and CSP refusals, also those before the watch
 * began), the element's definition, `chatkit.ready` and `chatkit.error`, and a deadline per step that counts only
 * while the page is visible.
 *
 * @param options The element, the environment, the timeout and the listener.
 * @returns The watch.
 */
export function watchChatKit(options: WatchChatKitOptions): ChatKitWatch {
  const { environment: env, stallMs, isChatKitScript, onChange } = options;
  const scripts = () =>
    [...document.querySelectorAll('script[src]')].filter((s) =>
      isChatKitScript((s as HTMLScriptElement).src),
    ) as HTMLScriptElement[];
  let facts: ChatKitFacts;
  let left = stallMs;
  let armedAt = 0;
  let timer: unknown = null;
  let stopped = false;
  // Which start a probe belongs to: one that answers after a retry speaks of the script replaced.
  let starts = 0;
  // The script URLs probed since the last start: each once, so a probe (a resource entry of its own) never probes again.
  let probed = new Set<string>();
  const set = (next: Partial<ChatKitFacts>) => {
    const before = facts;
    facts = { ...facts, ...next, hasScript: scripts().length > 0 };
    // A step done starts the next step's deadline afresh.
    if (before.defined !== facts.defined || before.ready !== facts.ready || before.asked !== facts.asked) restart();
    onChange(facts);
  };
  const pause = () => {
    if (timer === null) return;
    env.clearTimeout(timer);
    timer = null;
    left -= env.monotonicNow() - armedAt;
  };
  const arm = () => {
    if (stopped || timer !== null || facts.stalled || !env.isVisible()) return;
    armedAt = env.monotonicNow();
    timer = env.setTimeout(() => {
      timer = null;
      set({ stalled: true });
    }, left);
  };
  const restart = () => {
    pause();
    left = stallMs;
    facts = { ...facts, stalled: false };
    if (!facts.ready || facts.asked === false) arm();
  };
  const failed = (problem: ChatKitScriptProblem) => !stopped && !facts.defined && set({ script: problem });
  // The status of a cross-origin script is hidden from resource timings: ask again, which CORS may allow (a CDN's does).
  // A probe refused may be CORS alone: only when a no-cors request cannot connect either (DNS, a refused host, a
  // firewall) did the script not load. An error event's probe only names the status, the event having said it failed.
  const probe = (src: string, unreachable?: boolean) => {
    const start = starts;
    if (probed.has(src)) return;
    probed.add(src);
    const current = () => start === starts && !customElements.get(TAG);
    fetch(src).then(
      ({ status }) => status >= 400 && start === starts && failed({ src, status }),
      () =>
        unreachable &&
        fetch(src, { mode: 'no-cors' }).then(
          () => undefined,
          () => current() && failed({ src }),
        ),
    );
  };
  const onError = (event: Event) => {
    const target = event.target as HTMLScriptElement;
    if (target.localName === 'script' && isChatKitScript(target.src)) {
      failed({ src: target.src });
      probe(target.src);
    }
  };
  const onChatKit = (event: Event) => {
    const element = options.element();
    if (element ? event.target !== element : (event.target as Element).localName !== TAG) return;
    if (event.type === 'chatkit.ready') set({ ready: true, defined: true });
    // Once ChatKit works, its errors (a message that failed to send) are its own to show: the chat stays.
    else if (!facts.ready || facts.asked === false) {
      const error = (event as CustomEvent<{ error?: { message?: string } }>).detail?.error;
      set({ chatKitError: error?.message ?? String(error) });
    }
  };
  const onVisibility = () => (env.isVisible() ? arm() : pause());
  const start = () => {
    starts += 1;
    probed = new Set();
    facts = {
      script: null,
      hasScript: false,
      defined: !!customElements.get(TAG),
      ready: false,
      asked: options.seesAsks ? false : null,
      stalled: false,
      chatKitError: null,
    };
    set({});
    restart();
    void customElements.whenDefined(TAG).then(() => stopped || facts.defined || set({ defined: true }));
  };
  // CSP refusals, also the buffered ones from before the watch began (a script tag in the HTML's head).
  const reports =
    typeof ReportingObserver === 'function'
      ? new ReportingObserver(
          (list) => {
            for (const { body } of list as unknown as CspReport[]) {
              if (body?.blockedURL && isChatKitScript(body.blockedURL))
                failed({ src: body.blockedURL, directive: body.effectiveDirective });
            }
          },
          { types: ['csp-violation'], buffered: true },
        )
      : null;
  reports?.observe();
  // A ChatKit script whose answer came (also before the watch began) and defined nothing may have failed.
  const answers =
    typeof PerformanceObserver === 'function'
      ? new PerformanceObserver((list) => {
          // Only the script elements' loads: the probes' own fetches are resource entries too.
          for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
            if (entry.initiatorType === 'script' && isChatKitScript(entry.name) && !customElements.get(TAG))
              probe(entry.name, true);
          }
        })
      : null;
  answers?.observe({ type: 'resource', buffered: true });
  document.addEventListener('error', onError, true);
  document.addEventListener('chatkit.ready', onChatKit, true);
  document.addEventListener('chatkit.error', onChatKit, true);
  env.eventTarget?.addEventListener('visibilitychange', onVisibility);
  start();
  return {
    asked: () => facts.asked === false && set({ asked: true }),
    retry() {
      // A fresh script element is the only way to make the browser load a failed script again.
      for (const old of facts.defined ? [] : scripts()) {
        const script = document.createElement('script');
        script.src = old.src;
        script.async = true;
        old.replaceWith(script);
      }
      pause();
      left = stallMs;
      start();
    },
    stop() {
      stopped = true;
      pause();
      reports?.disconnect();
      answers?.disconnect();
      document.removeEventListener('error', onError, true);
      document.removeEventListener('chatkit.ready', onChatKit, true);
      document.removeEventListener('chatkit.error', onChatKit, true);
      env.eventTarget?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
