#!/usr/bin/env node
// Installs the packed packages into a fresh Vite + React + TypeScript app outside the workspace, as a stranger
// would, then type-checks and builds it: once with TypeScript 6.0.3 and once with 5.6 (our declaration files must
// not need a newer compiler than users have). Fails on a broken `exports` entry, declaration or dependency. With
// TypeScript 6 it also type-checks the READMEs' snippets in that app (check-snippets.mjs): one pack, one install.
import { checkSnippets } from './check-snippets.mjs';
import { TYPESCRIPT, withStrangerApp } from './strangerApp.mjs';

const typescriptVersions = [TYPESCRIPT, '5.6.3'];

await withStrangerApp('check-consumer', async ({ app, run, write }) => {
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
  useChatKitCustomApi,
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
  const custom = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_stranger' });
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

  for (const version of typescriptVersions) {
    if (version !== typescriptVersions[0]) {
      run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `typescript@${version}`], app);
    }
    console.log(`check-consumer: TypeScript ${run('npx', ['tsc', '--version'], app).trim()}`);
    run('npx', ['tsc', '-p', 'tsconfig.json'], app);
    run('npx', ['tsc', '-p', 'tsconfig.server.json'], app);
    // The READMEs' snippets, from the same install (TypeScript 6 only: readers copy them into new apps).
    if (version === typescriptVersions[0]) checkSnippets({ app, run, write });
  }
  run('npx', ['vite', 'build', '--logLevel', 'error'], app);
  console.log(
    `check-consumer: a stranger's app type-checks with TypeScript ${typescriptVersions.join(' and ')} and builds`,
  );
});
