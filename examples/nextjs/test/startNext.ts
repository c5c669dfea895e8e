import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/findChromium.js';

/** The example's root folder. */
export const EXAMPLE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const NEXT_CLI = join(EXAMPLE_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/** The mock's session lifetime in the tests: renewals within seconds, due well before expiry on a loaded machine. */
export const LIFETIME_SECONDS = 15;

/**
 * The environment of every `next` the tests run: the mock ChatKit API with short sessions (empty values win over a
 * developer's `.env.local`), the development-only refusal route on, and `NODE_ENV` left to Next (`production` for
 * build and start, `development` for dev) rather than Vitest's `test`.
 */
function nextEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    OPENAI_API_KEY: '',
    CHATKIT_WORKFLOW_ID: '',
    CHATKIT_TOKEN_SECRET: '',
    CHATKIT_MOCK_LIFETIME_SECONDS: String(LIFETIME_SECONDS),
    CHATKIT_EXAMPLE_DEV_CONTROLS: '1',
  };
  delete env.NODE_ENV;
  // Next's global types (loaded with next.config.ts) declare NODE_ENV always set; here Next sets it in the child.
  return env as NodeJS.ProcessEnv;
}

/** A `next` process, in a process group of its own so that closing it also ends the workers it starts. */
function runNext(args: readonly string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [NEXT_CLI, ...args], {
    cwd: EXAMPLE_ROOT,
    env: nextEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitOf(child);
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // The group is gone already.
    }
  };
  killGroup('SIGTERM');
  const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // Workers of the group that outlived their parent.
  killGroup('SIGKILL');
}

/**
 * Runs `next build`, which type-checks the example with its own tsconfig and prerenders its pages.
 *
 * @param timeoutMs How long it may take.
 * @returns What it printed.
 * @throws {Error} With what it printed, when it fails (a type error) or takes too long.
 */
export async function buildNext(timeoutMs: number): Promise<string> {
  const { child, output } = runNext(['build']);
  const timer = setTimeout(() => void stop(child), timeoutMs);
  const code = await exitOf(child);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`next build failed (exit code ${code}):\n${output()}`);
  return output();
}

/** A running `next start` or `next dev`. */
export interface RunningNext {
  /** Its base URL, on 127.0.0.1. */
  readonly url: string;
  /** What it printed so far. */
  output(): string;
  close(): Promise<void>;
}

/**
 * Starts `next start` (after `buildNext`) or `next dev` on 127.0.0.1 and a free port, which Next picks itself.
 *
 * @param command `start` or `dev`.
 * @param timeoutMs How long it may take to say where it listens.
 * @returns The running server.
 */
export async function startNext(command: 'start' | 'dev', timeoutMs: number): Promise<RunningNext> {
  const { child, output } = runNext([command, '--hostname', '127.0.0.1', '--port', '0']);
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    url = /- Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop(child);
      throw new Error(`next ${command} did not start:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, output, close: () => stop(child) };
}

/** Launches Debian's Chromium (never a download) with the flags of every browser test. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
}

/** One POST the page sent to an endpoint: the `reason` in its body, when and with what status it was answered. */
export interface RecordedRequest {
  readonly reason: string | null;
  readonly sentAt: number;
  status: number | null;
}

function readReason(body: string | null): string | null {
  try {
    const reason: unknown = JSON.parse(body ?? 'null')?.reason;
    return typeof reason === 'string' ? reason : null;
  } catch {
    return null;
  }
}

/**
 * Records every POST the page sends to `pathname`, as it is sent and answered.
 *
 * @param page The page.
 * @param pathname The endpoint's path, such as `/api/chatkit/session`.
 * @returns The list, which grows as the page sends.
 */
export function recordRequests(page: Page, pathname: string): RecordedRequest[] {
  const recorded: RecordedRequest[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== pathname) return;
    const entry: RecordedRequest = { reason: readReason(request.postData()), sentAt: Date.now(), status: null };
    recorded.push(entry);
    // Rejects when the page closes first; the entry then keeps no status.
    request.response().then(
      (response) => {
        entry.status = response?.status() ?? null;
      },
      () => undefined,
    );
  });
  return recorded;
}

/**
 * Records what the page reports as wrong: uncaught errors, and `console.error` lines (React's hydration mismatches,
 * failed loads).
 *
 * @param page The page.
 * @returns The list, which grows as the page reports.
 */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  return problems;
}

/** Runs in the page: whether React has hydrated the element (it tags the DOM nodes it owns). */
export function isHydrated(selector: string): boolean {
  const element = document.querySelector(selector);
  return element !== null && Object.keys(element).some((key) => key.startsWith('__reactFiber$'));
}
