import * as v from 'valibot';
import { ChatSessionValidationError, type ChatSessionValidationIssue } from './ChatSessionValidationError.js';

const ARTICLES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  Object: 'an object',
};

/** Names the kind of a value without echoing the value itself (it may be a secret). */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'NaN';
  if (typeof input === 'object') return 'an object';
  return ARTICLES[typeof input] ?? typeof input;
}

/** Words a schema-level issue (wrong type, missing or unknown field) without its value; checks carry their own. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.input === undefined) return 'is required';
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'is not a known field';
  if (issue.type === 'literal') return `must be ${issue.expected}`;
  if (issue.type === 'picklist') return `must be one of ${issue.expected?.replace(/^\((.*)\)$/, '$1')}`;
  const expected = ARTICLES[issue.expected ?? ''] ?? issue.expected ?? 'valid';
  return `must be ${expected}, got ${kindOf(issue.input)}`;
}

function toValidationIssue(issue: v.BaseIssue<unknown>): ChatSessionValidationIssue {
  return { path: v.getDotPath(issue) ?? '', message: issue.message };
}

/**
 * Parses a value with a schema, or throws a `ChatSessionValidationError` listing every problem.
 *
 * @param schema The schema to apply.
 * @param input The value to parse.
 * @param subject What the value is, for the error message.
 * @returns The parsed value.
 */
export function parseWithSchema<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  subject: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input, { message: describeIssue });
  if (result.success) return result.output;
  throw new ChatSessionValidationError(subject, result.issues.map(toValidationIssue));
}
