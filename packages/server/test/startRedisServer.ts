import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { refusedURL } from './listen.js';

/** A `redis-server` of the test's own, on 127.0.0.1 and a free port, keeping nothing on disk. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its directory; calling it again does nothing. */
  stop(): Promise<void>;
}

/** Debian's redis-server (which `scripts/setup.sh` installs), or the first one on the PATH. */
function findRedisServer(): string {
  const candidates = [
    process.env.REDIS_SERVER_PATH,
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'redis-server')),
    '/usr/bin/redis-server',
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next place.
    }
  }
  throw new Error('redis-server was not found: run `bash scripts/setup.sh`, or set REDIS_SERVER_PATH.');
}

/** Resolves when the port answers PING with PONG; polling, since redis-server says nothing when it is ready. */
async function waitForPong(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}.`);
    const ready = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('redis-server did not accept connections within 10 s.');
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts Debian's `redis-server` on a free loopback port, with a temporary directory and no persistence.
 *
 * @returns The server's URL and a way to stop it.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = Number(new URL(await refusedURL()).port);
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'];
  const child = spawn(findRedisServer(), args, { stdio: 'ignore' });
  const stop = async () => {
    const gone = exited(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPong(port, child, Date.now() + 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}
