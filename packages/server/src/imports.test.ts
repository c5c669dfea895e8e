import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_DIR = import.meta.dirname;
// Runtime imports and re-exports; `import type` lines are erased from the output, so they cannot reach a browser.
const RUNTIME_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
// Both run in browsers, Workers and Node alike: jose signs and checks tokens with Web Crypto only.
const RUNTIME_DEPENDENCIES = new Set(['@chatkit-session/core', 'jose']);
const NODE_GLOBALS = /\b(?:Buffer|process|require|__dirname|setImmediate)\b/;

function sourceFiles(): string[] {
  return readdirSync(SOURCE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(name))
    .map((name) => join(SOURCE_DIR, name));
}

function code(file: string): string {
  // Comments may name Node APIs (the adapter's docs do); only code matters here.
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
}

describe('@chatkit-session/server sources', () => {
  it('import at runtime nothing but the core, jose and their own files, so the handlers and the mock run in a browser', () => {
    const foreign = sourceFiles().flatMap((file) =>
      [...code(file).matchAll(RUNTIME_IMPORT)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((specifier) => !RUNTIME_DEPENDENCIES.has(specifier) && !/^\.\.?\//.test(specifier))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(sourceFiles().length).toBeGreaterThan(10);
    expect(foreign).toEqual([]);
  });

  it('use no Node-only globals', () => {
    const withoutStrings = (text: string) =>
      text.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g, "''");
    const users = sourceFiles().filter((file) => NODE_GLOBALS.test(withoutStrings(code(file))));
    expect(users).toEqual([]);
  });
});
