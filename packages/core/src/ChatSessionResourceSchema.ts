import * as v from 'valibot';
import { CHATKIT_SESSION_DEFAULTS, CHATKIT_SESSION_LIMITS } from './constants.js';
import { StateVariableValueSchema } from './StateVariableValueSchema.js';

// The API is a beta: these schemas use `v.object`, which drops unknown fields instead of failing on them.

// Nullable fields are documented as present with `null`; an absent one is read as `null` too.
const nullable = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema), null);

const count = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));

/** A Unix timestamp in whole seconds; milliseconds, fractions, negatives and NaN are rejected with a reason. */
export const UnixSecondsSchema = v.pipe(
  v.number(),
  v.integer('must be a whole number of Unix seconds'),
  v.minValue(0, 'must be Unix seconds, not a negative number'),
  v.maxValue(
    CHATKIT_SESSION_LIMITS.firstMillisecondExpiresAt - 1,
    'looks like milliseconds: it must be Unix seconds (divide by 1000)',
  ),
);

/** Tracing settings applied to the session's workflow. */
export const ChatkitWorkflowTracingSchema = v.object({
  enabled: v.boolean(),
});

/** Workflow metadata and state returned for a session. */
export const ChatkitWorkflowSchema = v.object({
  id: v.string(),
  version: nullable(v.string()),
  state_variables: nullable(v.record(v.string(), StateVariableValueSchema)),
  tracing: ChatkitWorkflowTracingSchema,
});

/** The active per-minute request limit of a session. */
export const ChatSessionRateLimitsSchema = v.object({
  max_requests_per_1_minute: count,
});

/** The lifecycle state of a session. */
export const ChatSessionStatusSchema = v.picklist(['active', 'expired', 'cancelled']);

/** Automatic thread titling of a session. */
export const ChatSessionAutomaticThreadTitlingSchema = v.object({
  enabled: v.boolean(),
});

/** Upload permissions and limits of a session. */
export const ChatSessionFileUploadSchema = v.object({
  enabled: v.boolean(),
  max_file_size: nullable(count),
  max_files: nullable(count),
});

/** History retention of a session. */
export const ChatSessionHistorySchema = v.object({
  enabled: v.boolean(),
  recent_threads: nullable(count),
});

/** The resolved ChatKit configuration of a session. */
export const ChatSessionChatkitConfigurationSchema = v.object({
  automatic_thread_titling: ChatSessionAutomaticThreadTitlingSchema,
  file_upload: ChatSessionFileUploadSchema,
  history: ChatSessionHistorySchema,
});

/** A ChatKit session as `POST /v1/chatkit/sessions` returns it. */
export const ChatSessionResourceSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  object: v.optional(v.literal(CHATKIT_SESSION_DEFAULTS.sessionObject), CHATKIT_SESSION_DEFAULTS.sessionObject),
  expires_at: UnixSecondsSchema,
  client_secret: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  workflow: ChatkitWorkflowSchema,
  user: v.string(),
  rate_limits: ChatSessionRateLimitsSchema,
  max_requests_per_1_minute: count,
  status: ChatSessionStatusSchema,
  chatkit_configuration: ChatSessionChatkitConfigurationSchema,
});

/** Tracing settings applied to the session's workflow. */
export type ChatkitWorkflowTracing = v.InferOutput<typeof ChatkitWorkflowTracingSchema>;
/** Workflow metadata and state returned for a session. */
export type ChatkitWorkflow = v.InferOutput<typeof ChatkitWorkflowSchema>;
/** The active per-minute request limit of a session. */
export type ChatSessionRateLimits = v.InferOutput<typeof ChatSessionRateLimitsSchema>;
/** The lifecycle state of a session: `active`, `expired` or `cancelled`. */
export type ChatSessionStatus = v.InferOutput<typeof ChatSessionStatusSchema>;
/** Automatic thread titling of a session. */
export type ChatSessionAutomaticThreadTitling = v.InferOutput<typeof ChatSessionAutomaticThreadTitlingSchema>;
/** Upload permissions and limits of a session. */
export type ChatSessionFileUpload = v.InferOutput<typeof ChatSessionFileUploadSchema>;
/** History retention of a session. */
export type ChatSessionHistory = v.InferOutput<typeof ChatSessionHistorySchema>;
/** The resolved ChatKit configuration of a session. */
export type ChatSessionChatkitConfiguration = v.InferOutput<typeof ChatSessionChatkitConfigurationSchema>;
/** A ChatKit session, validated (`object` filled in, nullable fields present). */
export type ChatSessionResource = v.InferOutput<typeof ChatSessionResourceSchema>;
/** A ChatKit session as the API may send it (`object` and nullable fields may be absent). */
export type ChatSessionResourceInput = v.InferInput<typeof ChatSessionResourceSchema>;
