import { describe, expectTypeOf, it } from 'vitest';
import type {
  ChatkitWorkflow,
  ChatSessionChatkitConfiguration,
  ChatSessionFileUpload,
  ChatSessionHistory,
  ChatSessionResource,
  ChatSessionResourceInput,
  ChatSessionStatus,
} from './index.js';

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

describe('ChatSessionResource', () => {
  it('has the seed model field names, all required', () => {
    expectTypeOf<keyof ChatSessionResource>().toEqualTypeOf<
      | 'id'
      | 'object'
      | 'expires_at'
      | 'client_secret'
      | 'workflow'
      | 'user'
      | 'rate_limits'
      | 'max_requests_per_1_minute'
      | 'status'
      | 'chatkit_configuration'
    >();
    expectTypeOf<OptionalKeys<ChatSessionResource>>().toEqualTypeOf<never>();
  });

  it('types object as the literal and status as the three states', () => {
    expectTypeOf<ChatSessionResource['object']>().toEqualTypeOf<'chatkit.session'>();
    expectTypeOf<ChatSessionStatus>().toEqualTypeOf<'active' | 'expired' | 'cancelled'>();
    expectTypeOf<ChatSessionResource['expires_at']>().toEqualTypeOf<number>();
  });

  it('lets object and the nullable fields be absent in the input only', () => {
    expectTypeOf<OptionalKeys<ChatSessionResourceInput>>().toEqualTypeOf<'object'>();
    expectTypeOf<OptionalKeys<ChatSessionResourceInput['workflow']>>().toEqualTypeOf<'version' | 'state_variables'>();
  });

  it('makes the seed optional fields nullable, as the spec sends them', () => {
    expectTypeOf<keyof ChatkitWorkflow>().toEqualTypeOf<'id' | 'version' | 'state_variables' | 'tracing'>();
    expectTypeOf<ChatkitWorkflow['version']>().toEqualTypeOf<string | null>();
    expectTypeOf<ChatkitWorkflow['state_variables']>().toEqualTypeOf<Record<
      string,
      string | number | boolean
    > | null>();
    expectTypeOf<ChatSessionFileUpload>().toEqualTypeOf<{
      enabled: boolean;
      max_file_size: number | null;
      max_files: number | null;
    }>();
    expectTypeOf<ChatSessionHistory>().toEqualTypeOf<{ enabled: boolean; recent_threads: number | null }>();
    expectTypeOf<keyof ChatSessionChatkitConfiguration>().toEqualTypeOf<
      'automatic_thread_titling' | 'file_upload' | 'history'
    >();
  });
});
