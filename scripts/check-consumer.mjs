#!/usr/bin/env node
// Installs the packed packages into a fresh Vite + React + TypeScript app outside the workspace, as a stranger
// would, then type-checks and builds it: once with TypeScript 6.0.3 and once with 5.6 (our declaration files must
// not need a newer compiler than users have). Fails on a broken `exports` entry, declaration or dependency.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packages = ['core', 'react', 'server'];
const typescriptVersions = ['6.0.3', '5.6.3'];
const work = mkdtempSync(join(tmpdir(), 'chatkit-session-consumer-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
const FORBIDDEN_IN_TARBALL = /(\.test(-d)?\.|\.stories\.|\/stories\/|\/test\/|\/fixtures?\/|\/src\/)/;

const run = (command, args, cwd) => {
  console.log(`check-consumer: ${command} ${args.join(' ')}`);
  return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
};
const write = (path, content) => {
  mkdirSync(join(app, path, '..'), { recursive: true });
  writeFileSync(join(app, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
};

try {
  mkdirSync(tarballs, { recursive: true });
  const tarballOf = {};
  for (const name of packages) {
    // pnpm pack rewrites workspace:* ranges and applies publishConfig, as `pnpm publish` would.
    run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
    const file = readdirSync(tarballs).find((entry) => entry.startsWith(`chatkit-session-${name}-`));
    if (!file) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballOf[`@chatkit-session/${name}`] = `file:${join(tarballs, file)}`;
    const listed = run('tar', ['-tzf', join(tarballs, file)], root)
      .split('\n')
      .filter(Boolean);
    const unwanted = listed.filter((entry) => FORBIDDEN_IN_TARBALL.test(entry));
    if (unwanted.length > 0) throw new Error(`${file} ships files users must not get:\n${unwanted.join('\n')}`);
  }

  write('package.json', {
    name: 'stranger-app',
    private: true,
    type: 'module',
    // Core comes with react and server: the app imports everything from them.
    dependencies: {
      '@chatkit-session/react': tarballOf['@chatkit-session/react'],
      '@chatkit-session/server': tarballOf['@chatkit-session/server'],
      '@tanstack/react-query': '5.108.0',
      react: '19.3.1',
      'react-dom': '19.3.1',
    },
    devDependencies: {
      '@types/node': '20.19.43',
      '@types/react': '19.3.0',
      '@types/react-dom': '19.3.0',
      '@vitejs/plugin-react': '6.3.0',
      typescript: typescriptVersions[0],
      vite: '8.3.8',
    },
    // The packed server and react depend on the packed core, not on a registry copy.
    overrides: { '@chatkit-session/core': tarballOf['@chatkit-session/core'] },
  });
  write('tsconfig.json', {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
    },
    include: ['src'],
  });
  // The server as a Node app compiles it: no DOM library (Web Crypto's types come from jose's fallback), NodeNext.
  write('tsconfig.server.json', {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
    },
    include: ['server'],
  });
  write('index.html', '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>\n');
  write(
    'src/main.tsx',
    `import {
  type ChatSessionResource,
  ChatSessionProvider,
  createTabSync,
  maskClientSecret,
  parseChatSession,
  parseCreateChatSessionBody,
  type UseChatSessionResult,
  useChatKitApi,
  useChatSession,
} from '@chatkit-session/react';
import { ChatSessionDevtools } from '@chatkit-session/react/devtools';
import { createRoot } from 'react-dom/client';

function Status() {
  const { status, clientSecret, error } = useChatSession();
  const expiresAt = useChatSession((session) => session.expiresAt);
  const { getClientSecret } = useChatKitApi();
  const first: Promise<string> = getClientSecret(null);
  void first;
  // The provider validates every field with parseChatSession, so the session's type can be named.
  const session: ChatSessionResource | null = useChatSession(
    (state: UseChatSessionResult<ChatSessionResource>) => state.session,
  );
  const custom = useChatKitApi({ url: '/api/chatkit', domainKey: 'domain_pk_stranger' });
  const customFetch: typeof fetch = custom.fetch;
  void customFetch;
  const body = parseCreateChatSessionBody({ workflow: { id: 'wf_1' }, user: 'u', expires_after: { seconds: 60 } });
  const anchor: 'created_at' | undefined = body.expires_after?.anchor;
  return <p>{status} {maskClientSecret(clientSecret)} {expiresAt} {error?.kind} {session?.id} {anchor}</p>;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <ChatSessionProvider
    fetchSession={({ signal }) => fetch('/api/chatkit/session', { method: 'POST', signal })}
    shareAcrossTabs={createTabSync}
    parseSession={parseChatSession}
  >
    <Status />
    <ChatSessionDevtools />
  </ChatSessionProvider>,
);
`,
  );
  write(
    'server/session.ts',
    `import { createServer } from 'node:http';
import { createChatKitTokenHandler, createChatSessionHandler, verifyChatKitToken } from '@chatkit-session/server';
import { createMockChatKitApi } from '@chatkit-session/server/mock';
import { toNodeListener } from '@chatkit-session/server/node';

const mock = createMockChatKitApi({ lifetimeSeconds: 30 });
const handler = createChatSessionHandler({
  apiKey: process.env.OPENAI_API_KEY ?? 'sk-mock',
  workflow: { id: 'wf_stranger' },
  resolveUser: () => 'user_stranger',
  fetch: mock.fetch,
});
createServer(toNodeListener(handler)).listen(0);

const tokens = createChatKitTokenHandler({
  secret: process.env.CHATKIT_TOKEN_SECRET ?? 'a-stranger-app-signing-secret-of-32-bytes+',
  resolveUser: () => 'user_stranger',
});
const chatkit = async (request: Request): Promise<Response> => {
  const { user, expiresAt } = await verifyChatKitToken(request, {
    secret: process.env.CHATKIT_TOKEN_SECRET ?? 'a-stranger-app-signing-secret-of-32-bytes+',
  });
  return Response.json({ user, expiresAt });
};
createServer(toNodeListener(tokens)).listen(0);
createServer(toNodeListener(chatkit)).listen(0);
`,
  );

  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  for (const version of typescriptVersions) {
    if (version !== typescriptVersions[0]) {
      run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `typescript@${version}`], app);
    }
    console.log(`check-consumer: TypeScript ${run('npx', ['tsc', '--version'], app).trim()}`);
    run('npx', ['tsc', '-p', 'tsconfig.json'], app);
    run('npx', ['tsc', '-p', 'tsconfig.server.json'], app);
  }
  run('npx', ['vite', 'build', '--logLevel', 'error'], app);
  console.log(
    `check-consumer: a stranger's app type-checks with TypeScript ${typescriptVersions.join(' and ')} and builds`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
