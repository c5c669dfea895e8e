// Node 20 cannot run TypeScript, and the workspace packages resolve to their TypeScript sources: bundle the runner
// (with those sources) into one ESM file with esbuild, then run it. Libraries stay external, so every import of
// react, react-dom or @tanstack/react-query resolves to the one copy in node_modules.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
// Inside node_modules, so that the bundle's bare imports resolve from bench/ and git ignores it.
const outfile = join(root, 'node_modules', '.cache', 'chatkit-session-bench', 'run.mjs');
mkdirSync(dirname(outfile), { recursive: true });

await build({
  // Another entry may be given for a quick look at one part: `node run.mjs src/other.ts`.
  entryPoints: [join(root, process.argv[2] ?? 'src/run.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['@chatkit-session/source', 'module'],
  external: [
    'react',
    'react/*',
    'react-dom',
    'react-dom/*',
    '@tanstack/react-query',
    'happy-dom',
    'tinybench',
    'esbuild',
  ],
  jsx: 'automatic',
  logLevel: 'warning',
});

process.env.CHATKIT_SESSION_BENCH_DIR = root;
await import(pathToFileURL(outfile).href);
