import * as v from 'valibot';
import { CHATKIT_SESSION_DEFAULTS, CHATKIT_SESSION_LIMITS } from './constants.js';
import { StateVariableValueSchema } from './StateVariableValueSchema.js';

const positiveInteger = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'));

/** State variables forwarded to a workflow: at most 64 keys of at most 64 characters, primitive values only. */
export const StateVariablesSchema = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.maxLength(
        CHATKIT_SESSION_LIMITS.maxStateVariableKeyLength,
        `key must be at most ${CHATKIT_SESSION_LIMITS.maxStateVariableKeyLength} characters`,
      ),
    ),
    StateVariableValueSchema,
  ),
  v.maxEntries(
    CHATKIT_SESSION_LIMITS.maxStateVariables,
    `must have at most ${CHATKIT_SESSION_LIMITS.maxStateVariables} keys`,
  ),
);

/** Tracing overrides for the workflow invocation. */
export const WorkflowTracingParamSchema = v.strictObject({
  enabled: v.optional(v.boolean()),
});

/** The workflow that powers a new session, with its optional overrides. */
export const WorkflowParamSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  version: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, 'must not be empty'),
      // "latest" is a common guess that OpenAI does not accept; omitting the field is how to ask for it.
      v.check(
        (version) => version !== 'latest',
        'omit it to run the latest deployed version ("latest" is not a version)',
      ),
    ),
  ),
  state_variables: v.optional(StateVariablesSchema),
  tracing: v.optional(WorkflowTracingParamSchema),
});

/** When a new session expires, relative to its creation. */
export const ExpiresAfterParamSchema = v.strictObject({
  anchor: v.optional(
    v.literal(CHATKIT_SESSION_DEFAULTS.expiresAfterAnchor),
    CHATKIT_SESSION_DEFAULTS.expiresAfterAnchor,
  ),
  seconds: v.pipe(
    v.number(),
    v.integer('must be a whole number of seconds'),
    v.minValue(
      CHATKIT_SESSION_LIMITS.minExpiresAfterSeconds,
      `must be at least ${CHATKIT_SESSION_LIMITS.minExpiresAfterSeconds}`,
    ),
    v.maxValue(
      CHATKIT_SESSION_LIMITS.maxExpiresAfterSeconds,
      `must be at most ${CHATKIT_SESSION_LIMITS.maxExpiresAfterSeconds}`,
    ),
  ),
});

/** Per-minute request limits of a new session. */
export const RateLimitsParamSchema = v.strictObject({
  max_requests_per_1_minute: v.optional(positiveInteger),
});

/** Whether ChatKit titles threads automatically. */
export const AutomaticThreadTitlingParamSchema = v.strictObject({
  enabled: v.optional(v.boolean()),
});

/** Whether users may upload files, and how many and how large. */
export const FileUploadParamSchema = v.strictObject({
  enabled: v.optional(v.boolean()),
  max_file_size: v.optional(
    v.pipe(
      positiveInteger,
      v.maxValue(CHATKIT_SESSION_LIMITS.maxFileSizeMb, `must be at most ${CHATKIT_SESSION_LIMITS.maxFileSizeMb}`),
    ),
  ),
  max_files: v.optional(positiveInteger),
});

/** How much chat history a session can see. */
export const HistoryParamSchema = v.strictObject({
  enabled: v.optional(v.boolean()),
  recent_threads: v.optional(positiveInteger),
});

/** Overrides of ChatKit's runtime features for a new session. */
export const ChatkitConfigurationParamSchema = v.strictObject({
  automatic_thread_titling: v.optional(AutomaticThreadTitlingParamSchema),
  file_upload: v.optional(FileUploadParamSchema),
  history: v.optional(HistoryParamSchema),
});

/** The body of `POST /v1/chatkit/sessions`. */
export const CreateChatSessionBodySchema = v.strictObject({
  workflow: WorkflowParamSchema,
  user: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  expires_after: v.optional(ExpiresAfterParamSchema),
  rate_limits: v.optional(RateLimitsParamSchema),
  chatkit_configuration: v.optional(ChatkitConfigurationParamSchema),
});

/** Tracing overrides for the workflow invocation. */
export type WorkflowTracingParam = v.InferOutput<typeof WorkflowTracingParamSchema>;
/** The workflow that powers a new session. */
export type WorkflowParam = v.InferOutput<typeof WorkflowParamSchema>;
/** When a new session expires, as sent (the anchor filled in). */
export type ExpiresAfterParam = v.InferOutput<typeof ExpiresAfterParamSchema>;
/** When a new session expires, as written by a caller (the anchor may be left out). */
export type ExpiresAfterParamInput = v.InferInput<typeof ExpiresAfterParamSchema>;
/** Per-minute request limits of a new session. */
export type RateLimitsParam = v.InferOutput<typeof RateLimitsParamSchema>;
/** Whether ChatKit titles threads automatically. */
export type AutomaticThreadTitlingParam = v.InferOutput<typeof AutomaticThreadTitlingParamSchema>;
/** File upload overrides. */
export type FileUploadParam = v.InferOutput<typeof FileUploadParamSchema>;
/** History overrides. */
export type HistoryParam = v.InferOutput<typeof HistoryParamSchema>;
/** Overrides of ChatKit's runtime features. */
export type ChatkitConfigurationParam = v.InferOutput<typeof ChatkitConfigurationParamSchema>;
/** The body of `POST /v1/chatkit/sessions`, as sent (defaults filled in). */
export type CreateChatSessionBody = v.InferOutput<typeof CreateChatSessionBodySchema>;
/** The body of `POST /v1/chatkit/sessions`, as written by a caller. */
export type CreateChatSessionBodyInput = v.InferInput<typeof CreateChatSessionBodySchema>;
