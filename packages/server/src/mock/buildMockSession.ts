import { CHATKIT_SESSION_DEFAULTS, type ChatSessionResource, type CreateChatSessionBody } from '@chatkit-session/core';

/** A random hex string of 32 characters, for ids and secrets. */
export function randomHex(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/**
 * Builds the session OpenAI would answer for a valid body, with OpenAI's defaults for what the body leaves out.
 *
 * @param body The validated create-session body.
 * @param serverNowMs The mock server's clock, in epoch milliseconds.
 * @param lifetimeSeconds A lifetime overriding the body's `expires_after`, if any.
 * @returns A new active session with a unique `cksess_…` id and `ek_…` secret.
 */
export function buildMockSession(
  body: CreateChatSessionBody,
  serverNowMs: number,
  lifetimeSeconds: number | undefined,
): ChatSessionResource {
  const seconds = lifetimeSeconds ?? body.expires_after?.seconds ?? CHATKIT_SESSION_DEFAULTS.expiresAfterSeconds;
  const perMinute = body.rate_limits?.max_requests_per_1_minute ?? CHATKIT_SESSION_DEFAULTS.maxRequestsPer1Minute;
  const config = body.chatkit_configuration;
  return {
    id: `cksess_${randomHex()}`,
    object: CHATKIT_SESSION_DEFAULTS.sessionObject,
    expires_at: Math.floor(serverNowMs / 1000) + seconds,
    client_secret: `ek_mock_${randomHex()}`,
    workflow: {
      id: body.workflow.id,
      version: body.workflow.version ?? null,
      state_variables: body.workflow.state_variables ?? null,
      tracing: { enabled: body.workflow.tracing?.enabled ?? CHATKIT_SESSION_DEFAULTS.tracingEnabled },
    },
    user: body.user,
    rate_limits: { max_requests_per_1_minute: perMinute },
    max_requests_per_1_minute: perMinute,
    status: 'active',
    chatkit_configuration: {
      automatic_thread_titling: {
        enabled: config?.automatic_thread_titling?.enabled ?? CHATKIT_SESSION_DEFAULTS.automaticThreadTitlingEnabled,
      },
      file_upload: {
        enabled: config?.file_upload?.enabled ?? CHATKIT_SESSION_DEFAULTS.fileUploadEnabled,
        max_file_size: config?.file_upload?.max_file_size ?? CHATKIT_SESSION_DEFAULTS.maxFileSizeMb,
        max_files: config?.file_upload?.max_files ?? CHATKIT_SESSION_DEFAULTS.maxFiles,
      },
      history: {
        enabled: config?.history?.enabled ?? CHATKIT_SESSION_DEFAULTS.historyEnabled,
        recent_threads: config?.history?.recent_threads ?? null,
      },
    },
  };
}
