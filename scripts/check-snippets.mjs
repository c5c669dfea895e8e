#!/usr/bin/env node
// Type-checks every ```ts and ```tsx block of README.md, packages/*/README.md and examples/*/README.md as a file of a
// stranger's app that installed the packed packages (TypeScript 6, strict), so a README change that breaks a snippet
// fails `pnpm test`. The conventions (CONTRIBUTING.md, "README snippets"):
// - each block is a module of its own; a name the reader supplies is a `declare` line in the block;
// - a block whose first line is `// …continues the block above` is checked after the ts/tsx block before it;
// - a block whose first line names a file (`// app/providers.tsx`) is that file, so another block of the same README
//   may import it (`import { Providers } from './providers'`).
// All blocks go through one tsc run. Run alone, after `pnpm build`: `pnpm check:snippets` (it packs and installs a
// stranger's app); check-consumer.mjs runs it in its own app.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, withStrangerApp } from './strangerApp.mjs';

const CHECKED = new Set(['ts', 'tsx']);
const CONTINUES = /^\/\/ …continues the block above/;
const NAMES_A_FILE = /^\/\/ ((?:[\w@.-]+\/)*[\w.-]+\.tsx?)\b/;

/** Lists the READMEs whose snippets are checked, relative to the repository root. */
export function listReadmes() {
  const inside = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, dir, entry.name, 'README.md')))
      .map((entry) => `${dir}/${entry.name}/README.md`)
      .sort();
  return ['README.md', ...inside('packages'), ...inside('examples')];
}

/** Returns the ts/tsx blocks of one README, each with the line of its opening fence and its lines. */
export function extractBlocks(readme) {
  const lines = readFileSync(join(root, readme), 'utf8').split('\n');
  const blocks = [];
  let open = null;
  lines.forEach((text, index) => {
    if (open === null) {
      const fence = /^( *)```(\w*)/.exec(text);
      if (fence) open = { indent: fence[1].length, lang: fence[2], fence: index + 1, lines: [] };
    } else if (/^ *```\s*$/.test(text)) {
      if (CHECKED.has(open.lang)) blocks.push({ readme, ...open });
      open = null;
    } else {
      open.lines.push(text.slice(open.indent));
    }
  });
  if (open !== null) throw new Error(`${readme}:${open.fence}: a code block is never closed`);
  return blocks;
}

/** Builds one source file per block (a continuing block after the blocks it continues) and a map back to READMEs. */
function toSources(blocks) {
  const taken = new Set();
  return blocks.map((block, index) => {
    const chain = [block];
    let lang = block.lang;
    for (let at = index; CONTINUES.test(blocks[at].lines[0] ?? ''); at--) {
      const previous = blocks[at - 1];
      if (previous?.readme !== block.readme) {
        throw new Error(`${block.readme}:${blocks[at].fence}: "continues the block above", but no ts/tsx block is`);
      }
      chain.unshift(previous);
      if (previous.lang === 'tsx') lang = 'tsx';
    }
    const folder = `snippets/${block.readme.replace(/[/.]/g, '-')}`;
    const named = NAMES_A_FILE.exec(block.lines[0] ?? '')?.[1];
    // Two blocks may name one file (the same route, shown twice): the first is the file, the others stand alone.
    const file = named && !taken.has(`${folder}/${named}`) ? `${folder}/${named}` : `${folder}/L${block.fence}.${lang}`;
    taken.add(file);
    const where = chain.flatMap((part) =>
      part.lines.map((_, offset) => ({ block: part, line: part.fence + 1 + offset })),
    );
    return { file, text: chain.flatMap((part) => part.lines), where };
  });
}

/** Reads tsc's `--pretty false` output into failures located in the READMEs, and lines it could not place. */
function readDiagnostics(output, sources) {
  const failures = new Map();
  const unplaced = [];
  let last = null;
  for (const text of output.split('\n')) {
    const found = /^(snippets\/[^(]+)\((\d+),\d+\): (.*)$/.exec(text);
    const where = found && sources.find((source) => source.file === found[1])?.where[Number(found[2]) - 1];
    if (where) {
      // A block that others continue is checked once per chain: report each error once.
      const key = `${where.block.readme}:${where.line}:${found[3]}`;
      last = failures.get(key) ?? { ...where, message: found[3] };
      failures.set(key, last);
    } else if (text.startsWith(' ') && last) {
      last.message += `\n    ${text.trim()}`;
    } else if (text.trim()) {
      unplaced.push(text);
      last = null;
    }
  }
  return { failures: [...failures.values()], unplaced };
}

/** Type-checks every README snippet in `app` (an installed stranger's app) and throws when one fails. */
export function checkSnippets({ app, run, write }) {
  const readmes = listReadmes();
  const blocks = readmes.flatMap(extractBlocks);
  const sources = toSources(blocks);
  for (const source of sources) write(source.file, `${source.text.join('\n')}\n`);
  write('tsconfig.snippets.json', {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'bundler',
      // Every block is a module, even one without import or export: blocks never see each other's names.
      moduleDetection: 'force',
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      // check-consumer.mjs checks the packages' declaration files; this checks the snippets.
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['snippets'],
  });
  const typescript = run('npx', ['tsc', '--version'], app).trim().replace('Version', 'TypeScript');
  let output = '';
  try {
    run('npx', ['tsc', '-p', 'tsconfig.snippets.json', '--pretty', 'false'], app);
  } catch (error) {
    output = `${error.stdout ?? ''}`;
    if (!output.trim()) throw error;
  }
  const { failures, unplaced } = readDiagnostics(output, sources);
  if (failures.length === 0 && unplaced.length === 0) {
    console.log(
      `check-snippets: all ${blocks.length} ts/tsx blocks of ${readmes.length} READMEs type-check (${typescript}, strict)`,
    );
    return;
  }
  failures.sort((a, b) => readmes.indexOf(a.block.readme) - readmes.indexOf(b.block.readme) || a.line - b.line);
  for (const { block, line, message } of failures) {
    console.error(`${block.readme}:${line} (block at line ${block.fence}): ${message}`);
  }
  for (const text of unplaced) console.error(text);
  const failing = [...new Set(failures.map(({ block }) => `${block.readme}:${block.fence}`))];
  const errors = `${failures.length} errors${unplaced.length > 0 ? `, ${unplaced.length} lines above not placed` : ''}`;
  throw new Error(
    `check-snippets: ${failing.length} of ${blocks.length} ts/tsx blocks fail to type-check (${typescript}, strict; ${errors}): ${failing.join(', ')}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await withStrangerApp('check-snippets', checkSnippets);
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  }
}
