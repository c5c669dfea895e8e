import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR } from './benchDir.js';

/** Where and with what one benchmark run happened. */
export interface RunDescription {
  readonly date: string;
  readonly os: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  /** The commit of the workspace, with `+changes` when the sources of core or react differed from it. */
  readonly commit: string;
  /** The version of every package measured or used, by name. */
  readonly packages: Readonly<Record<string, string>>;
}

// Used by the runner but not listed in bench/package.json: they come from the workspace root.
const ROOT_PACKAGES = ['happy-dom'];

function versionOf(name: string): string {
  for (const dir of [join(BENCH_DIR, 'node_modules'), join(BENCH_DIR, '..', 'node_modules')]) {
    try {
      return (JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // Not in this node_modules; try the next.
    }
  }
  return 'not found';
}

function gitCommit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', '../packages/core', '../packages/react').length > 0 ? '+changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

/**
 * Describes the machine, the Node version, the workspace commit and the versions of the packages in the run.
 *
 * @returns The description.
 */
export function describeRun(): RunDescription {
  const manifest = JSON.parse(readFileSync(join(BENCH_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const names = [...Object.keys(manifest.dependencies), ...ROOT_PACKAGES].sort();
  return {
    date: new Date().toISOString(),
    os: `${type()} ${release()}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    commit: gitCommit(),
    packages: Object.fromEntries(names.map((name) => [name, versionOf(name)])),
  };
}
