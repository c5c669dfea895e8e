import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PACKAGES = ['core', 'react', 'server'];

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function isStale(name: string): boolean {
  const folder = join(REPO_ROOT, 'packages', name);
  const built = join(folder, 'dist', 'index.js');
  if (!existsSync(built)) return true;
  const changed = Math.max(newestChange(join(folder, 'src')), newestChange(join(folder, 'package.json')));
  return changed > statSync(built).mtimeMs;
}

/**
 * Vitest's global setup for the Next.js example: Next imports the workspace packages from their `dist/`, like an app
 * that installed them, so this builds them (`pnpm build`) when a `dist/` is missing or older than its sources. In
 * `pnpm test` they were just built, and this does nothing.
 */
export function setup(): void {
  const stale = PACKAGES.filter(isStale);
  if (stale.length === 0) return;
  console.log(`[nextjs] building the packages first (stale or missing dist/: ${stale.join(', ')})`);
  execFileSync('pnpm', ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
