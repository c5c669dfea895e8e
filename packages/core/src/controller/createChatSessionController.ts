import type { ChatSessionController } from '../ChatSessionController.js';
import { type ChatSessionControllerOptions, resolveControllerOptions } from '../ChatSessionControllerOptions.js';
import type { ChatSessionCredential, ChatSessionCredentialFields } from '../ChatSessionCredential.js';
import { createChatSessionEnvironment } from '../ChatSessionEnvironment.js';
import { createSessionRunner } from './createSessionRunner.js';

/**
 * Creates a session controller that keeps one short-lived credential fresh (a ChatKit session by default; a token
 * from `createChatKitTokenHandler` or an OpenAI Realtime client secret work the same): it renews before `expires_at`
 * (measured on the server's clock), retries transient failures with backoff while the current secret stays in use,
 * and hands ChatKit a valid secret through `getClientSecret`. Nothing starts until `start()` or `getClientSecret()`;
 * `start()` and `stop()` may alternate any number of times, and only `dispose()` is final.
 *
 * @param options `fetchSession` and, optionally, the renewal policy, a `parseSession` (which types `state.session`)
 *   and the environment.
 * @returns The controller.
 * @example
 * const controller = createChatSessionController({
 *   fetchSession: ({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal }),
 * });
 * controller.start();
 * chatkitElement.setOptions({ api: { getClientSecret: controller.getClientSecret } });
 */
export function createChatSessionController<TSession extends ChatSessionCredentialFields = ChatSessionCredential>(
  options: ChatSessionControllerOptions<TSession>,
): ChatSessionController<TSession> {
  // The controller reads only the checked fields; `parseSession` alone decides what else a session carries.
  const checked = options as unknown as ChatSessionControllerOptions;
  const policy = resolveControllerOptions(checked);
  const env = createChatSessionEnvironment(checked.environment);
  return createSessionRunner(policy, env, checked.initialSession) as unknown as ChatSessionController<TSession>;
}
