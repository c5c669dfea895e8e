import type { ChatSessionError } from '@chatkit-session/core';
import type { ChatKitFacts, ChatKitScriptProblem } from './ChatKitFacts.js';
import type { ChatKitReadinessVerdict } from './ChatKitReadinessState.js';

// Anything shaped like a key or a secret (`ek_…`, `domain_pk_…`, a long token) is cut from a message we repeat.
const redact = (message: string) => message.replace(/[\w-]*_[\w-]{12,}|[\w-]{32,}/g, '…');

function scriptReason({ src: url, status, directive }: ChatKitScriptProblem): string {
  // Without its query and fragment, which may carry a key.
  const src = url.split(/[?#]/)[0];
  if (directive)
    return `The Content-Security-Policy's ${directive} blocked the ChatKit script ${src}: allow its origin.`;
  if (status) return `The ChatKit script ${src} answered HTTP ${status}: check the script URL.`;
  return `The ChatKit script ${src} failed to load: check the URL, and whether the CSP's script-src, an ad blocker or a firewall blocks it.`;
}

/**
 * Decides ChatKit's readiness phase, and the sentence that says what to check, from what a watch has seen.
 *
 * @param facts What the watch saw.
 * @param sessionError The session's failure while there is no usable secret, or `null`.
 * @param stallMs The timeout of each step, for the sentence.
 * @returns The phase and its reason.
 */
export function decideChatKitReadiness(
  facts: ChatKitFacts,
  sessionError: ChatSessionError | null,
  stallMs: number,
): ChatKitReadinessVerdict {
  const { script, defined, ready, asked, stalled, chatKitError } = facts;
  const after = `after ${Math.round(stallMs / 1000)} s`;
  if (sessionError) {
    const { kind, status, requestId } = sessionError;
    const details = [kind, status && `HTTP ${status}`, requestId && `request id ${requestId}`].filter(Boolean);
    return {
      phase: 'credential-failing',
      reason: `The session endpoint failed (${details.join(', ')}): check fetchSession's endpoint and its server logs.`,
    };
  }
  if (chatKitError) {
    return {
      phase: 'chatkit-error',
      reason: `ChatKit reported "${redact(chatKitError)}": check that this domain is on the allow-list of OpenAI's platform and, in custom-backend mode, the domainKey.`,
    };
  }
  // A script that failed once and then defined the element (a retry, another tag) failed no more.
  if (script && !defined) return { phase: 'script-failed', reason: scriptReason(script) };
  if (!defined && stalled && !facts.hasScript) {
    return {
      phase: 'script-failed',
      reason:
        'There is no <script> for ChatKit on the page: add https://cdn.platform.openai.com/deployments/chatkit/chatkit.js.',
    };
  }
  if (!defined && stalled) {
    return {
      phase: 'undefined',
      reason: `<openai-chatkit> was not defined ${after}: check that the ChatKit script URL loads and that no CSP script-src, ad blocker or firewall blocks it.`,
    };
  }
  if (defined && !ready && stalled) {
    return {
      phase: 'not-ready',
      reason: `ChatKit's frame was not ready ${after}: check that the CSP's frame-src allows ChatKit's frame and the console for a refused frame.`,
    };
  }
  if (ready && asked === false && stalled) {
    return {
      phase: 'no-credential-request',
      reason: `ChatKit was ready but asked for no credential ${after}: check that useChatKit gets the api of useChatKitApi() (getClientSecret) or useChatKitCustomApi() (fetch).`,
    };
  }
  if (ready && asked !== false) return { phase: 'ready', reason: 'ChatKit is ready.' };
  return { phase: 'loading', reason: 'ChatKit is still loading.' };
}
