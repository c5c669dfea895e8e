import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { BENCH_DIR } from './benchDir.js';

/** One row of the bytes-shipped table. */
export interface BundleRow {
  readonly entry: string;
  /** What the entry imports and uses. */
  readonly uses: string;
  /** Minified bytes, or `null` when the entry was skipped. */
  readonly minBytes: number | null;
  readonly gzipBytes: number | null;
  readonly brotliBytes: number | null;
  readonly note?: string;
}

interface Entry {
  readonly entry: string;
  readonly uses: string;
  readonly file?: string;
  readonly contents?: string;
  readonly external?: readonly string[];
  readonly note?: string;
  /** An opt-in part this entry adds to the first row: its note says what the part costs in gzip bytes. */
  readonly costOf?: string;
}

const ENTRIES_DIR = join(BENCH_DIR, 'src', 'entries');
const DEVTOOLS_SOURCE = join(BENCH_DIR, '..', 'packages', 'react', 'src', 'devtools.ts');
const REACT_EXTERNALS = ['react', 'react/*', 'react-dom', 'react-dom/*'];

/** The same build for every entry: ESM, minified, browser, production, React external. */
const SHARED: BuildOptions = {
  bundle: true,
  format: 'esm',
  minify: true,
  platform: 'browser',
  target: 'es2022',
  write: false,
  jsx: 'automatic',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Our packages resolve to their sources (no build step); no other package declares this condition.
  conditions: ['@chatkit-session/source', 'module'],
  logLevel: 'silent',
};

const ENTRIES: Entry[] = [
  {
    entry: 'ours: core + react',
    uses: 'provider, `useChatSession`, `useChatKitApi()` (hosted)',
    file: 'ours.tsx',
    external: ['@tanstack/react-query'],
    note: 'React Query (a peer) not counted',
  },
  { entry: 'ours: core + react + React Query', uses: 'the same, with the peer counted', file: 'ours.tsx' },
  {
    entry: 'ours: custom-backend mode',
    uses: 'provider, `useChatSession`, `useChatKitCustomApi`',
    file: 'oursCustomBackend.tsx',
    external: ['@tanstack/react-query'],
    note: 'React Query (a peer) not counted',
  },
  ...(
    [
      ['telemetry', '`telemetry={reportEvents(listener)}`', 'oursTelemetry.tsx'],
      ['tab sharing', '`shareAcrossTabs={createTabSync}`', 'oursTabSync.tsx'],
      ['full validation', '`parseSession={parseChatSession}`', 'oursParse.tsx'],
      ['the readiness watchdog', '`<ChatKitReadiness>` from `@chatkit-session/react/readiness`', 'oursReadiness.tsx'],
    ] as const
  ).map(
    ([part, prop, file]): Entry => ({
      entry: `ours: + ${part}`,
      uses: `the first row with ${prop}`,
      file,
      external: ['@tanstack/react-query'],
      costOf: part,
    }),
  ),
  {
    entry: 'ours: core + react + opt-ins',
    uses: 'the same with `shareAcrossTabs={createTabSync}` and `parseSession={parseChatSession}`',
    file: 'oursOptIns.tsx',
    external: ['@tanstack/react-query'],
    note: 'React Query (a peer) not counted',
  },
  { entry: 'ours: core alone', uses: '`createChatSessionController`, `getClientSecret`', file: 'oursCore.ts' },
  {
    entry: '@openai/chatkit-react',
    uses: '`useChatKit`, `<ChatKit>`',
    file: 'chatkitReact.tsx',
    note: 'the web component itself loads from the CDN of OpenAI',
  },
  {
    entry: 'react-oidc-context + oidc-client-ts',
    uses: '`AuthProvider`, `useAuth`, silent renew',
    file: 'reactOidcContext.tsx',
  },
  { entry: 'next-auth/react', uses: '`SessionProvider`, `useSession`', file: 'nextAuthReact.tsx' },
  { entry: '@supabase/auth-js', uses: '`GoTrueClient`, `getSession`, `onAuthStateChange`', file: 'supabaseAuth.ts' },
  {
    entry: 'firebase/auth (+ firebase/app)',
    uses: '`getAuth`, `getIdToken`, `onIdTokenChanged`',
    file: 'firebaseAuth.ts',
  },
  { entry: '@auth0/auth0-react', uses: '`Auth0Provider`, `useAuth0().getAccessTokenSilently`', file: 'auth0React.tsx' },
  {
    entry: '@tanstack/react-query (reference)',
    uses: '`QueryClientProvider`, `useQuery` with `refetchInterval`',
    file: 'reactQuery.tsx',
  },
];

function devtoolsEntries(): Entry[] {
  const uses = 'everything `packages/react/src/devtools.ts` exports';
  const skipped = 'skipped: packages/react/src/devtools.ts did not exist at run time';
  const useDevtools = `import * as devtools from ${JSON.stringify(DEVTOOLS_SOURCE)};\nconsole.log(devtools);\n`;
  const present = existsSync(DEVTOOLS_SOURCE);
  return [
    {
      entry: 'ours: devtools',
      uses,
      ...(present ? { contents: useDevtools } : {}),
      external: ['@tanstack/react-query'],
      note: present ? 'alone, with the core and react parts it imports; React Query not counted' : skipped,
    },
    {
      entry: 'ours: core + react + devtools',
      uses: 'the first row and the devtools together',
      ...(present ? { contents: `export { App } from './ours.tsx';\n${useDevtools}` } : {}),
      external: ['@tanstack/react-query'],
      note: present ? 'React Query not counted' : skipped,
    },
  ];
}

async function measure(entry: Entry): Promise<BundleRow> {
  const { entry: name, uses, note } = entry;
  if (!entry.file && !entry.contents)
    return { entry: name, uses, minBytes: null, gzipBytes: null, brotliBytes: null, ...(note ? { note } : {}) };
  const result = await build({
    ...SHARED,
    ...(entry.file
      ? { entryPoints: [join(ENTRIES_DIR, entry.file)], outdir: join(BENCH_DIR, 'out') }
      : { stdin: { contents: entry.contents ?? '', resolveDir: ENTRIES_DIR, loader: 'tsx' } }),
    external: [...REACT_EXTERNALS, ...(entry.external ?? [])],
  });
  const code = Buffer.concat(
    (result.outputFiles ?? [])
      .filter((file) => file.path.endsWith('.js') || file.path === '<stdout>')
      .map((file) => file.contents),
  );
  return {
    entry: name,
    uses,
    minBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ...(note ? { note } : {}),
  };
}

/**
 * Bundles every entry of `src/entries/` (and our devtools when present) the same way with esbuild, in memory, and
 * measures the minified, gzip (level 9) and brotli (quality 11) sizes.
 *
 * @returns One row per entry, ours first.
 */
export async function measureBundles(): Promise<BundleRow[]> {
  const entries = [...ENTRIES.slice(0, 3), ...devtoolsEntries(), ...ENTRIES.slice(3)];
  const rows = await Promise.all(entries.map(measure));
  // What each opt-in part costs: its entry less the first row (the hosted app it is added to).
  const base = rows[0]?.gzipBytes ?? null;
  return rows.map((row, index) => {
    const part = entries[index]?.costOf;
    if (!part || base === null || row.gzipBytes === null) return row;
    return {
      ...row,
      note: `${part} costs ${(row.gzipBytes - base).toLocaleString('en-US')} B gzip; React Query not counted`,
    };
  });
}
