import { describe, expectTypeOf, it } from 'vitest';
import type {
  ChatkitConfigurationParam,
  CreateChatSessionBody,
  CreateChatSessionBodyInput,
  ExpiresAfterParam,
  ExpiresAfterParamInput,
  FileUploadParam,
  HistoryParam,
  WorkflowParam,
} from './index.js';
import { parseCreateChatSessionBody } from './index.js';

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type RequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>>;

describe('CreateChatSessionBody', () => {
  it('has the seed model field names and optionality', () => {
    expectTypeOf<RequiredKeys<CreateChatSessionBody>>().toEqualTypeOf<'workflow' | 'user'>();
    expectTypeOf<OptionalKeys<CreateChatSessionBody>>().toEqualTypeOf<
      'expires_after' | 'rate_limits' | 'chatkit_configuration'
    >();
    expectTypeOf<RequiredKeys<WorkflowParam>>().toEqualTypeOf<'id'>();
    expectTypeOf<OptionalKeys<WorkflowParam>>().toEqualTypeOf<'version' | 'state_variables' | 'tracing'>();
    expectTypeOf<OptionalKeys<FileUploadParam>>().toEqualTypeOf<'enabled' | 'max_file_size' | 'max_files'>();
    expectTypeOf<OptionalKeys<HistoryParam>>().toEqualTypeOf<'enabled' | 'recent_threads'>();
    expectTypeOf<OptionalKeys<ChatkitConfigurationParam>>().toEqualTypeOf<
      'automatic_thread_titling' | 'file_upload' | 'history'
    >();
  });

  it('requires the anchor in the output but not in the input', () => {
    expectTypeOf<ExpiresAfterParam>().toEqualTypeOf<{ anchor: 'created_at'; seconds: number }>();
    expectTypeOf<OptionalKeys<ExpiresAfterParamInput>>().toEqualTypeOf<'anchor'>();
  });

  it('allows only primitive state variable values', () => {
    expectTypeOf<NonNullable<WorkflowParam['state_variables']>>().toEqualTypeOf<
      Record<string, string | number | boolean>
    >();
    expectTypeOf<{ plan: { tier: string } }>().not.toMatchTypeOf<NonNullable<WorkflowParam['state_variables']>>();
  });

  it('returns the output type from parseCreateChatSessionBody', () => {
    expectTypeOf(parseCreateChatSessionBody).returns.toEqualTypeOf<CreateChatSessionBody>();
    expectTypeOf<{ workflow: { id: string }; user: string }>().toMatchTypeOf<CreateChatSessionBodyInput>();
  });
});
