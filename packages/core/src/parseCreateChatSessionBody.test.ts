import { describe, expect, it } from 'vitest';
import {
  CHATKIT_SESSION_LIMITS,
  ChatSessionValidationError,
  type CreateChatSessionBodyInput,
  parseCreateChatSessionBody,
} from './index.js';

const base = { workflow: { id: 'wf_123' }, user: 'user_42' } satisfies CreateChatSessionBodyInput;

function problemsOf(value: unknown): string[] {
  try {
    parseCreateChatSessionBody(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ChatSessionValidationError);
    return (error as ChatSessionValidationError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  return [];
}

const stateVariables = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));

describe('parseCreateChatSessionBody', () => {
  it.each([
    ['expires_after.seconds 0', { expires_after: { seconds: 0 } }, 'expires_after.seconds: must be at least 1'],
    ['expires_after.seconds 601', { expires_after: { seconds: 601 } }, 'expires_after.seconds: must be at most 600'],
    [
      'expires_after.seconds 1.5',
      { expires_after: { seconds: 1.5 } },
      'expires_after.seconds: must be a whole number of seconds',
    ],
    ['expires_after.anchor other', { expires_after: { seconds: 60, anchor: 'now' } }, 'expires_after.anchor: must be'],
    ['user empty', { user: '' }, 'user: must not be empty'],
    ['workflow.id empty', { workflow: { id: '' } }, 'workflow.id: must not be empty'],
    [
      'workflow.version "latest"',
      { workflow: { id: 'wf_1', version: 'latest' } },
      'workflow.version: omit it to run the latest deployed version',
    ],
    [
      '65 state variables',
      { workflow: { id: 'wf_1', state_variables: stateVariables(65) } },
      'workflow.state_variables: must have at most 64 keys',
    ],
    [
      'a state variable key of 65 characters',
      { workflow: { id: 'wf_1', state_variables: { ['k'.repeat(65)]: 1 } } },
      `workflow.state_variables.${'k'.repeat(65)}: key must be at most 64 characters`,
    ],
    [
      'a nested object state variable',
      { workflow: { id: 'wf_1', state_variables: { plan: { tier: 'pro' } } } },
      'workflow.state_variables.plan: must be a string, number or boolean',
    ],
    [
      'an array state variable',
      { workflow: { id: 'wf_1', state_variables: { tags: ['a'] } } },
      'workflow.state_variables.tags: must be a string, number or boolean',
    ],
    [
      'a null state variable',
      { workflow: { id: 'wf_1', state_variables: { gone: null } } },
      'workflow.state_variables.gone: must be a string, number or boolean',
    ],
    [
      'max_file_size 0',
      { chatkit_configuration: { file_upload: { max_file_size: 0 } } },
      'chatkit_configuration.file_upload.max_file_size: must be at least 1',
    ],
    [
      'max_file_size 513',
      { chatkit_configuration: { file_upload: { max_file_size: 513 } } },
      'chatkit_configuration.file_upload.max_file_size: must be at most 512',
    ],
    [
      'max_files 0',
      { chatkit_configuration: { file_upload: { max_files: 0 } } },
      'chatkit_configuration.file_upload.max_files: must be at least 1',
    ],
    [
      'recent_threads 0',
      { chatkit_configuration: { history: { recent_threads: 0 } } },
      'chatkit_configuration.history.recent_threads: must be at least 1',
    ],
    [
      'max_requests_per_1_minute 0',
      { rate_limits: { max_requests_per_1_minute: 0 } },
      'rate_limits.max_requests_per_1_minute: must be at least 1',
    ],
    ['an unknown field', { expires_after: { seconds: 60, second: 60 } }, 'expires_after.second: is not a known field'],
    ['user of the wrong type', { user: 42 }, 'user: must be a string, got a number'],
  ])('rejects %s with a message naming the path', (_, patch, expected) => {
    const problems = problemsOf({ ...base, ...patch });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it.each([
    ['expires_after.seconds 1', { expires_after: { seconds: 1 } }],
    ['expires_after.seconds 600', { expires_after: { seconds: 600 } }],
    ['64 state variables', { workflow: { id: 'wf_1', state_variables: stateVariables(64) } }],
    ['a state variable key of 64 characters', { workflow: { id: 'wf_1', state_variables: { ['k'.repeat(64)]: 1 } } }],
    [
      'string, number and boolean state variables',
      { workflow: { id: 'wf_1', state_variables: { a: 'x', b: 1.5, c: true } } },
    ],
    ['max_file_size 1', { chatkit_configuration: { file_upload: { max_file_size: 1 } } }],
    ['max_file_size 512', { chatkit_configuration: { file_upload: { max_file_size: 512 } } }],
    ['max_files 1', { chatkit_configuration: { file_upload: { max_files: 1 } } }],
    ['recent_threads 1', { chatkit_configuration: { history: { recent_threads: 1 } } }],
    ['max_requests_per_1_minute 1', { rate_limits: { max_requests_per_1_minute: 1 } }],
  ])('accepts %s', (_, patch) => {
    expect(problemsOf({ ...base, ...patch })).toEqual([]);
  });

  it('lists every problem at once when there are several', () => {
    const problems = problemsOf({ workflow: { id: '' }, user: '', expires_after: { seconds: 0 } });
    expect(problems).toEqual([
      'workflow.id: must not be empty',
      'user: must not be empty',
      'expires_after.seconds: must be at least 1',
    ]);
  });

  it('names missing required fields', () => {
    expect(problemsOf({})).toEqual(['workflow: is required', 'user: is required']);
  });

  it('fills in the expires_after anchor when it is left out', () => {
    const body = parseCreateChatSessionBody({ ...base, expires_after: { seconds: 300 } });
    expect(body.expires_after).toEqual({ anchor: 'created_at', seconds: 300 });
  });

  it('keeps absent optional fields absent, so the JSON sent is what the caller wrote', () => {
    const body = parseCreateChatSessionBody(base);
    expect(JSON.stringify(body)).toBe('{"workflow":{"id":"wf_123"},"user":"user_42"}');
  });

  it('accepts a string state variable exactly at the documented length limit', () => {
    const longest = 'x'.repeat(CHATKIT_SESSION_LIMITS.maxStateVariableStringLength);
    expect(problemsOf({ workflow: { id: 'wf_1', state_variables: { doc: longest } }, user: 'u' })).toEqual([]);
    expect(problemsOf({ workflow: { id: 'wf_1', state_variables: { doc: `${longest}x` } }, user: 'u' })).toEqual([
      `workflow.state_variables.doc: must be at most ${CHATKIT_SESSION_LIMITS.maxStateVariableStringLength} characters`,
    ]);
  });
});
