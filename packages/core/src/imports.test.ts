import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_DIR = import.meta.dirname;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test(-d)?\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('@chatkit-session/core', () => {
  it('imports nothing but valibot and its own files', () => {
    const foreign = sourceFiles(SOURCE_DIR).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(IMPORT)]
        .map((match) => match[1] ?? match[2] ?? '')
        // Its own files: a relative path that stays inside src/ (folders import their neighbours with `../`).
        .filter(
          (specifier) =>
            specifier !== 'valibot' &&
            !(specifier.startsWith('.') && resolve(dirname(file), specifier).startsWith(`${SOURCE_DIR}/`)),
        )
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(sourceFiles(SOURCE_DIR).length).toBeGreaterThan(3);
    expect(foreign).toEqual([]);
  });
});
