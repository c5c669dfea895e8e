/** One problem found in a value, with the dotted path of the field it concerns (empty for the value itself). */
export interface ChatSessionValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The error thrown when a ChatKit session or a create-session body is not valid.
 *
 * Its message lists every problem as `path: problem`; it never contains the values it was given, so a
 * `client_secret` cannot leak into a log through it.
 */
export class ChatSessionValidationError extends Error {
  override readonly name = 'ChatSessionValidationError';
  /** Every problem found, in the order of the fields. */
  declare readonly issues: readonly ChatSessionValidationIssue[];

  /**
   * Creates the error.
   *
   * @param subject What was validated, for the first line of the message (e.g. `ChatKit session`).
   * @param issues The problems found.
   */
  constructor(subject: string, issues: readonly ChatSessionValidationIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const lines = issues.map((issue) => `  - ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
    super(`Invalid ${subject} (${count}):\n${lines.join('\n')}`);
    this.issues = issues;
  }
}
