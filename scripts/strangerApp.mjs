// Packs the packages as `pnpm publish` would and installs the tarballs into a fresh app outside the workspace, as a
// stranger would: check-consumer.mjs and check-snippets.mjs both check what users get, from one pack and one install.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');
/** The TypeScript the app installs: the repository's own. */
export const TYPESCRIPT = '6.0.3';
const packages = ['core', 'react', 'server'];
const FORBIDDEN_IN_TARBALL = /(\.test(-d)?\.|\.stories\.|\/stories\/|\/test\/|\/fixtures?\/|\/src\/)/;

/**
 * Runs `fn` with a fresh app that has the packed packages installed with TypeScript 6.0.3, then removes it.
 * The app also has what the READMEs' snippets import (ChatKit's React bindings, OpenTelemetry, Hono, Express's types,
 * redis, react-error-boundary), each at the version the workspace pins where it pins one.
 */
export async function withStrangerApp(label, fn) {
  const unbuilt = packages.filter((name) => !existsSync(join(root, 'packages', name, 'dist')));
  if (unbuilt.length > 0)
    throw new Error(`${label}: no dist/ in packages/${unbuilt.join(', ')}: run \`pnpm build\` first`);
  const work = mkdtempSync(join(tmpdir(), `chatkit-session-${label}-`));
  const tarballs = join(work, 'tarballs');
  const app = join(work, 'app');
  const run = (command, args, cwd = app) => {
    console.log(`${label}: ${command} ${args.join(' ')}`);
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
        typescript: TYPESCRIPT,
        vite: '8.3.8',
        // Imported by the READMEs' snippets only (check-snippets.mjs).
        '@openai/chatkit': '1.9.0',
        '@openai/chatkit-react': '1.6.1',
        '@opentelemetry/api': '1.9.1',
        '@testing-library/dom': '10.4.2',
        '@testing-library/react': '16.3.3',
        '@types/express': '5.0.6',
        hono: '4.13.23',
        'react-error-boundary': '6.1.6',
        redis: '6.3.1',
        vitest: '4.1.12',
      },
      // The packed server and react depend on the packed core, not on a registry copy.
      overrides: { '@chatkit-session/core': tarballOf['@chatkit-session/core'] },
    });
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    return await fn({ app, run, write });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
