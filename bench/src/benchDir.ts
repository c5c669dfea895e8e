import { resolve } from 'node:path';

/**
 * The `bench/` directory. The runner runs bundled from a cache directory, so `import.meta.url` cannot tell it: the
 * launcher (`run.mjs`) passes it in `CHATKIT_SESSION_BENCH_DIR`; otherwise the working directory is assumed.
 */
export const BENCH_DIR = resolve(process.env.CHATKIT_SESSION_BENCH_DIR ?? process.cwd());
