import { spawnSync } from 'node:child_process';

/**
 * Finds a Python that can `import jwt`: `PYTHON_JWT_PATH`, then Debian's `/usr/bin/python3` (where `python3-jwt`,
 * which `scripts/setup.sh` installs, lives), then `python3` on the PATH (which may be a pyenv one without it).
 *
 * @returns The interpreter's path or command.
 * @throws {Error} When none can, saying how to get one: the interop test fails rather than skips.
 */
export function findPythonWithJwt(): string {
  const candidates = [process.env.PYTHON_JWT_PATH, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import jwt'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  throw new Error(
    `No Python that can \`import jwt\` (tried ${candidates.join(', ')}): run \`bash scripts/setup.sh\`, which ` +
      "installs Debian's python3-jwt, or set PYTHON_JWT_PATH to a python with PyJWT 2.6+.",
  );
}
