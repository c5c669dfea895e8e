/**
 * The limits of OpenAI's ChatKit sessions API, as its OpenAPI spec states them.
 */
// Marked pure so that a bundle which reads neither object drops them.
export const CHATKIT_SESSION_LIMITS = /* @__PURE__ */ Object.freeze({
  /** The shortest lifetime a session may ask for, in seconds. */
  minExpiresAfterSeconds: 1,
  /** The longest lifetime a session may ask for (and the default), in seconds. */
  maxExpiresAfterSeconds: 600,
  /** The most keys `workflow.state_variables` may hold. */
  maxStateVariables: 64,
  /** The longest key of `workflow.state_variables`, in characters. */
  maxStateVariableKeyLength: 64,
  /** The longest string value of `workflow.state_variables`, in characters. */
  maxStateVariableStringLength: 10_485_760,
  /** The largest `file_upload.max_file_size`, in megabytes. */
  maxFileSizeMb: 512,
  /**
   * The first `expires_at` that can only be milliseconds: as seconds it lies in the year 5138, as milliseconds in 1973.
   */
  firstMillisecondExpiresAt: 100_000_000_000,
});

/**
 * The values OpenAI's ChatKit sessions API uses when a request leaves a field out.
 */
export const CHATKIT_SESSION_DEFAULTS = /* @__PURE__ */ Object.freeze({
  /** `expires_after.seconds` when `expires_after` is omitted: 10 minutes. */
  expiresAfterSeconds: 600,
  /** The only anchor the API knows for `expires_after`. */
  expiresAfterAnchor: 'created_at',
  /** `rate_limits.max_requests_per_1_minute` when omitted. */
  maxRequestsPer1Minute: 10,
  /** `workflow.tracing.enabled` when omitted. */
  tracingEnabled: true,
  /** `automatic_thread_titling.enabled` when omitted. */
  automaticThreadTitlingEnabled: true,
  /** `file_upload.enabled` when omitted. */
  fileUploadEnabled: false,
  /** `file_upload.max_file_size` when omitted, in megabytes. */
  maxFileSizeMb: 512,
  /** `file_upload.max_files` when omitted. */
  maxFiles: 10,
  /** `history.enabled` when omitted. */
  historyEnabled: true,
  /** The `object` discriminator of every session resource. */
  sessionObject: 'chatkit.session',
} as const);
