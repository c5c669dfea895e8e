import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import {
  cancelChatKitSession,
  createChatKitSession,
  createChatKitTokenHandler,
  createChatSessionHandler,
  verifyChatKitToken,
} from '../src/index.js';
import { createMockChatKitApi } from '../src/mock.js';
import { createRedisUserBudgetStore } from '../src/redis.js';

// A misspelt option is a TypeError naming the function, the option and the closest known one, for apps in plain
// JavaScript, where no excess property check catches it. These call every public function that takes options as
// such an app would: with an object TypeScript never saw.
const SECRET = 'unknown-options-test-secret-0123456789';
const API_KEY = 'sk-proj-unknownOPTIONS7Qx2';
const BODY = { workflow: { id: 'wf_1' }, user: 'user_42' };
type Options = Record<string, unknown>;
type Call = (options: Options) => unknown;

const mock = createMockChatKitApi();
const fakeRedis = { sendCommand: async () => [1, 1000] };

/** Each public function that takes options, with options it accepts. */
const FUNCTIONS: Record<string, { call: Call; base: Options }> = {
  createChatSessionHandler: {
    call: (options) => createChatSessionHandler(options as never),
    base: { apiKey: API_KEY, workflow: { id: 'wf_1' }, resolveUser: () => 'user_42', fetch: mock.fetch },
  },
  createChatKitTokenHandler: {
    call: (options) => createChatKitTokenHandler(options as never),
    base: { secret: SECRET, resolveUser: () => 'user_42' },
  },
  verifyChatKitToken: {
    call: (options) => verifyChatKitToken(new Request('https://app.example.com/chatkit'), options as never),
    base: { secret: SECRET },
  },
  createChatKitSession: {
    call: (options) => createChatKitSession(BODY, options as never),
    base: { apiKey: API_KEY, fetch: mock.fetch },
  },
  cancelChatKitSession: {
    call: (options) => cancelChatKitSession('cksess_1', options as never),
    base: { apiKey: API_KEY, fetch: mock.fetch },
  },
  createMockChatKitApi: { call: (options) => createMockChatKitApi(options as never), base: {} },
  'mock.configure': { call: (options) => createMockChatKitApi().configure(options as never), base: {} },
  createRedisUserBudgetStore: {
    call: (options) => createRedisUserBudgetStore(options as never),
    base: { client: fakeRedis },
  },
};

/** What a call threw or rejected with, or `undefined` when it succeeded. */
async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('an unknown option', () => {
  it.each([
    ['createChatKitTokenHandler', 'expiresAfterSeconds', 'lifetimeSeconds'],
    ['createChatKitTokenHandler', 'lifetime', 'lifetimeSeconds'],
    ['createChatKitTokenHandler', 'audiences', 'audience'],
    ['createChatKitTokenHandler', 'resolveuser', 'resolveUser'],
    ['createChatSessionHandler', 'lifetimeSeconds', 'expiresAfterSeconds'],
    ['createChatSessionHandler', 'expiresAfter', 'expiresAfterSeconds'],
    ['createChatSessionHandler', 'rate_limits', 'rateLimits'],
    ['createChatSessionHandler', 'allowedOrigin', 'allowedOrigins'],
    ['verifyChatKitToken', 'audince', 'audience'],
    ['verifyChatKitToken', 'clockTolerance', 'clockToleranceSeconds'],
    ['createChatKitSession', 'apikey', 'apiKey'],
    ['cancelChatKitSession', 'baseUrl', 'baseURL'],
    ['createMockChatKitApi', 'latency', 'latencyMs'],
    ['createMockChatKitApi', 'expiresAfterSeconds', 'lifetimeSeconds'],
    ['mock.configure', 'clockOffset', 'clockOffsetMs'],
    ['createRedisUserBudgetStore', 'Prefix', 'prefix'],
  ])('%s: a TypeError names `%s` and suggests `%s`', async (name, option, suggestion) => {
    const { call, base } = FUNCTIONS[name] ?? expect.unreachable();
    const error = await failureOf(() => call({ ...base, [option]: 30 }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(`${name}: unknown option \`${option}\` (did you mean \`${suggestion}\`?)`);
  });

  it.each(Object.keys(FUNCTIONS))('%s: lists the known options when none is close', async (name) => {
    const { call, base } = FUNCTIONS[name] ?? expect.unreachable();
    const error = await failureOf(() => call({ ...base, colour: 'blue' }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${name.replace('.', '\\.')}: unknown option \`colour\` \\(known: \`.+\`\\)$`),
    );
  });

  it('never shows the value of the unknown option, which may be a secret', async () => {
    const error = await failureOf(() =>
      createChatKitTokenHandler({ secret: SECRET, resolveUser: () => 'u', key: SECRET } as never),
    );
    expect((error as Error).message).toBe(
      'createChatKitTokenHandler: unknown option `key` (known: `secret`, `resolveUser`, `audience`, `issuer`, `lifetimeSeconds`, `revocations`, ' +
        '`algorithm`, `allowedOrigins`, `maxBodyBytes`, `onError`, `now`, `userBudget`)',
    );
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('is refused before anything is sent or minted', async () => {
    const fetch = vi.fn(mock.fetch);
    const resolveUser = vi.fn(() => 'user_42');
    await failureOf(() => createChatKitSession(BODY, { apiKey: API_KEY, fetch, timeout: 5 } as never));
    await failureOf(() => cancelChatKitSession('cksess_1', { apiKey: API_KEY, fetch, timeout: 5 } as never));
    await failureOf(() =>
      createChatSessionHandler({
        ...FUNCTIONS.createChatSessionHandler?.base,
        resolveUser,
        fetch,
        timeout: 5,
      } as never),
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(resolveUser).not.toHaveBeenCalled();
  });

  it('inside userBudget is named with its path, for either handler', () => {
    expect(() =>
      createChatSessionHandler({ ...FUNCTIONS.createChatSessionHandler?.base, userBudget: { window: 60 } } as never),
    ).toThrow(
      new TypeError(
        'createChatSessionHandler: unknown option `userBudget.window` (did you mean `userBudget.windowSeconds`?)',
      ),
    );
    expect(() =>
      createChatKitTokenHandler({ secret: SECRET, resolveUser: () => 'u', userBudget: { Limit: 3 } } as never),
    ).toThrow('createChatKitTokenHandler: unknown option `userBudget.Limit` (did you mean `userBudget.limit`?)');
  });
});

/** The options the README documents, table by table: `| \`name\` | … |` rows under an `option` header. */
function documentedOptions(): string[][] {
  const tables: string[][] = [];
  let rows: string[] | null = null;
  for (const line of readFileSync(new URL('../README.md', import.meta.url), 'utf8').split('\n')) {
    if (/^\| (option\b|`userBudget` setting)/.test(line)) {
      rows = [];
      tables.push(rows);
    } else if (!line.startsWith('|')) rows = null;
    else if (rows) {
      const name = /^\| `(\w+)`/.exec(line)?.[1];
      if (name) rows.push(name);
    }
  }
  return tables;
}

describe('every documented option', () => {
  const tables = documentedOptions();
  const owners = [
    'createChatSessionHandler',
    'createChatKitTokenHandler',
    'verifyChatKitToken',
    'userBudget',
    'createMockChatKitApi',
  ];
  // Documented in prose and snippets rather than tables.
  const prose: Record<string, string[]> = {
    createChatKitSession: ['apiKey', 'baseURL', 'fetch', 'signal'],
    cancelChatKitSession: ['apiKey', 'baseURL', 'fetch', 'signal'],
    createRedisUserBudgetStore: ['client', 'prefix'],
    'mock.configure': ['lifetimeSeconds', 'latencyMs', 'clockOffsetMs', 'workflows', 'apiKey'],
  };

  it('is found in the README, one table per function', () => {
    expect(tables).toHaveLength(owners.length);
    expect(tables.map((names) => names.length)).toEqual([14, 12, 8, 6, 8]);
  });

  const cases = [
    ...owners.map((owner, index) => [owner, tables[index] ?? []] as const),
    ...Object.entries(prose),
  ].flatMap(([owner, names]) => names.map((name) => [owner, name] as const));

  it.each(cases)('%s accepts `%s`, also when it is undefined', async (owner, name) => {
    const target = owner === 'userBudget' ? 'createChatSessionHandler' : owner;
    const { call, base } = FUNCTIONS[target] ?? expect.unreachable();
    const given =
      owner === 'userBudget' ? { ...base, userBudget: { [name]: undefined } } : { [name]: undefined, ...base };
    const error = await failureOf(() => call(given));
    expect(String((error as Error | undefined)?.message)).not.toContain('unknown option');
  });
});
