import type { TestFault } from '../../core/test/createTestBackend.js';
import { createRandom } from '../../core/test/createTestEnvironment.js';
import { HOUR, MINUTE, SECOND } from '../../core/test/lifecycleScenario.js';

export const RUN_MS = 2 * HOUR;
export const START = new Date('2026-11-26T12:00:00Z');
// An odd request timeout, so that the timer a controller arms when it sends a request tells which controller sent it.
export const REQUEST_TIMEOUT_MS = 15_013;

/** What the seeded app renders at a moment: who is signed in and which consumers are on the page. */
export interface Page {
  key: string;
  /** The ChatKit stand-in is mounted… */
  chat: boolean;
  /** …and its `<Activity>` is visible. */
  shown: boolean;
  badge: boolean;
  suspense: boolean;
  /** The provider's React key: a new one unmounts the provider and mounts another with fetchSession of its own. */
  generation: number;
}

/** Whether something on `page` holds the session of `key`. */
export const holdersOf = (page: Page, key: string) =>
  page.key === key && ((page.chat && page.shown) || page.badge || page.suspense);

/** What stays the same through one seed. */
export interface SeamsConfig {
  readonly seed: number;
  readonly strict: boolean;
  readonly keys: readonly string[];
  readonly lifetimeSeconds: number;
  readonly latencyMs: number;
  readonly baseFaultRate: number;
}

/** One thing the page, the user, the tab, the laptop or the backend does next. */
export type SeamsStep =
  | { readonly kind: 'run'; readonly ms: number }
  | { readonly kind: 'chat' }
  | { readonly kind: 'activity' }
  | { readonly kind: 'ask' }
  | { readonly kind: 'badge' }
  | { readonly kind: 'suspense' }
  | { readonly kind: 'hover' }
  | { readonly kind: 'switch'; readonly to: string }
  | { readonly kind: 'remount' }
  | { readonly kind: 'visibility' }
  | {
      readonly kind: 'sleep';
      readonly ms: number;
      readonly monotonicAdvances: boolean;
      readonly wake: 'focus' | 'pageshow' | 'visibilitychange' | null;
    }
  | { readonly kind: 'fault-rate' };

/** How the backend answers one request: a fault, or slowly, or neither. */
export interface SeamsTrouble {
  readonly fault: TestFault | undefined;
  readonly slowMs: number;
}

/**
 * The draws of one seed, from one stream: the backend draws its faults while the run goes, so the steps are drawn one
 * at a time, as the run asks for them, not ahead.
 */
export interface SeamsScenario {
  readonly config: SeamsConfig;
  /** What the page renders first. */
  readonly firstPage: Page;
  /** Draws the next step while `key` is signed in. */
  nextStep(key: string): SeamsStep;
  /** Draws how the backend answers a request, with this share of requests in trouble. */
  nextTrouble(faultRate: number): SeamsTrouble;
}

/** Describes a seed's configuration, for the head of each failure. */
export const describeSeamsConfig = ({ seed, strict, keys, lifetimeSeconds, latencyMs }: SeamsConfig) =>
  `seed ${seed} (StrictMode ${strict ? 'on' : 'off'}, users ${keys.join('/')}, lifetime ${lifetimeSeconds} s, latency ${latencyMs} ms)`;

/**
 * Starts the draws of one seed: StrictMode or not, two or three users, a session lifetime of 1–10 min, 20–1520 ms of
 * latency, up to 25 % of requests in trouble, and the first page.
 */
export function createSeamsScenario(seed: number): SeamsScenario {
  const random = createRandom(seed * 104_729 + 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const config: SeamsConfig = {
    seed,
    strict: random() < 0.5,
    keys: ['alice', 'bob', 'carol'].slice(0, random() < 0.5 ? 2 : 3),
    lifetimeSeconds: pick([600, 600, 300, 120, 60]),
    latencyMs: 20 + Math.floor(random() * 1500),
    baseFaultRate: 0.25 * random(),
  };
  const page: Page = {
    key: config.keys[0] as string,
    chat: random() < 0.5,
    shown: true,
    badge: random() < 0.3,
    suspense: random() < 0.3,
    generation: 0,
  };
  const nextStep = (key: string): SeamsStep => {
    const roll = random();
    if (roll < 0.3) return { kind: 'run', ms: Math.floor(random() * 5 * MINUTE) };
    if (roll < 0.37) return { kind: 'chat' };
    if (roll < 0.44) return { kind: 'activity' };
    if (roll < 0.56) return { kind: 'ask' };
    if (roll < 0.61) return { kind: 'badge' };
    if (roll < 0.66) return { kind: 'suspense' };
    if (roll < 0.72) return { kind: 'hover' };
    if (roll < 0.77) return { kind: 'switch', to: pick(config.keys.filter((each) => each !== key)) };
    if (roll < 0.85) return { kind: 'visibility' };
    if (roll < 0.9) {
      const ms = MINUTE + Math.floor(random() * 14 * MINUTE);
      const monotonicAdvances = random() < 0.5;
      return { kind: 'sleep', ms, monotonicAdvances, wake: pick(['focus', 'pageshow', 'visibilitychange', null]) };
    }
    if (roll < 0.93) return { kind: 'fault-rate' };
    if (roll < 0.96) return { kind: 'remount' };
    return { kind: 'run', ms: Math.floor(random() * 10 * SECOND) };
  };
  const nextTrouble = (faultRate: number): SeamsTrouble => {
    if (random() >= faultRate) return { fault: undefined, slowMs: 0 };
    const kind = pick(['500', '429', 'network', 'slow', 'slow'] as const);
    if (kind === '500') return { fault: { kind: 'status', status: 500 }, slowMs: 0 };
    if (kind === '429') {
      const headers = { 'retry-after': String(1 + Math.floor(random() * 30)) };
      return { fault: { kind: 'status', status: 429, headers }, slowMs: 0 };
    }
    if (kind === 'network') return { fault: { kind: 'network' }, slowMs: 0 };
    return { fault: undefined, slowMs: 2 * SECOND + Math.floor(random() * 20 * SECOND) };
  };
  return { config, firstPage: page, nextStep, nextTrouble };
}
