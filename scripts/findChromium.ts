import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser'];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the Chromium the browser test drives: `CHROMIUM_PATH`, else `chromium` on the `PATH`. Never downloads one.
 *
 * @param env The environment to read `CHROMIUM_PATH` and `PATH` from.
 * @returns The path of the executable.
 * @throws {Error} When there is none, saying how to install it, so the test fails rather than skips.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (isExecutableFile(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is ${JSON.stringify(configured)}, which is not an executable file.`);
  }
  for (const directory of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const candidate = join(directory, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new Error(
    "No Chromium found for the browser tests: set CHROMIUM_PATH, or install Debian's chromium " +
      '(`apt-get install -y chromium`, which `bash scripts/setup.sh` does). The test never downloads a browser.',
  );
}

/**
 * The flags every browser test launches Chromium with: headless as root, and none of the background traffic that a
 * closed network answers with floods of refused connections.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
