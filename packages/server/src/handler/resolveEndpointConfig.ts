import { resolveUserBudget, type UserBudgetConfig } from '../budget/resolveUserBudget.js';
import type {
  ChatKitEndpointErrorEvent,
  ChatKitEndpointOptions,
  ChatSessionUserResolver,
} from './ChatKitEndpointOptions.js';
import type { AllowedOrigins } from './checkCrossOrigin.js';

/** What an endpoint hands out, for its messages: `session` (created) or `token` (minted). */
export interface EndpointWords {
  /** The public function that creates the endpoint, for option errors. */
  readonly creator: string;
  /** What it hands out: `session`, `token`. */
  readonly thing: string;
  /** What handing one out is called: `created`, `minted`. */
  readonly made: string;
}

/** The options every endpoint takes, checked once and with their defaults filled in. */
export interface EndpointConfig {
  readonly words: EndpointWords;
  readonly resolveUser: ChatSessionUserResolver;
  /** The origins served besides the endpoint's own, or `'*'` for any. */
  readonly allowedOrigins: AllowedOrigins;
  readonly maxBodyBytes: number;
  readonly report: (event: ChatKitEndpointErrorEvent) => void;
  readonly now: () => number;
  /** Removes the endpoint's secrets (the API key, the token secret) from a text that may reach a browser or a log. */
  readonly redact: (text: string) => string;
  /** How many mints each user may have per window; `null` when `userBudget` is `false`. */
  readonly userBudget: UserBudgetConfig | null;
}

/**
 * Checks that an option is a positive number, or fills in its default.
 *
 * @param creator The public function the option belongs to, for the message.
 * @param name The option's name.
 * @param value The value given.
 * @param fallback The default.
 * @returns The value, or the default.
 * @throws {TypeError} When the value is not a positive number.
 */
export function positiveNumber(creator: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${creator}: ${name} must be a positive number.`);
  return value;
}

function readOrigins(creator: string, origins: readonly string[] | '*' | undefined): AllowedOrigins {
  if (origins === '*') return origins;
  if (origins === undefined) return new Set();
  if (!Array.isArray(origins)) {
    throw new TypeError(`${creator}: allowedOrigins must be a list of origins, or '*' to turn the origin check off.`);
  }
  return new Set(
    origins.map((origin) => {
      if (origin === '*') {
        throw new TypeError(`${creator}: allowedOrigins holds "*": write allowedOrigins: '*' to allow any origin.`);
      }
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new TypeError(`${creator}: allowedOrigins holds ${JSON.stringify(origin)}, not a URL.`);
      }
      // `file:` and `data:` URLs have the opaque origin `null`, which any sandboxed frame also sends.
      if (url.origin === 'null') {
        throw new TypeError(`${creator}: allowedOrigins holds ${JSON.stringify(origin)}, which has no origin.`);
      }
      return url.origin;
    }),
  );
}

function logError(event: ChatKitEndpointErrorEvent, redact: (text: string) => string): void {
  if (event.source === 'client') return;
  const request = event.requestId ? ` (OpenAI request ${event.requestId})` : '';
  console.error(redact(`[chatkit-session] ${event.status} ${event.code}: ${event.message}${request}`));
}

/**
 * Checks the options every endpoint takes and fills in their defaults.
 *
 * @param options The endpoint's options.
 * @param words What the endpoint hands out, for its messages.
 * @param redact Removes the endpoint's secrets from a text.
 * @param lifetimeSeconds The lifetime of what the endpoint hands out, in seconds: the user budget's default window.
 * @returns The configuration each request uses.
 * @throws {TypeError} When `resolveUser` is missing or another option is malformed.
 */
export function resolveEndpointConfig(
  options: ChatKitEndpointOptions,
  words: EndpointWords,
  redact: (text: string) => string,
  lifetimeSeconds: number,
): EndpointConfig {
  if (typeof options.resolveUser !== 'function') {
    throw new TypeError(`${words.creator} needs resolveUser(request), which returns the signed-in user.`);
  }
  return {
    words,
    resolveUser: options.resolveUser,
    allowedOrigins: readOrigins(words.creator, options.allowedOrigins),
    maxBodyBytes: positiveNumber(words.creator, 'maxBodyBytes', options.maxBodyBytes, 16_384),
    report: options.onError ?? ((event) => logError(event, redact)),
    now: options.now ?? Date.now,
    redact,
    userBudget: resolveUserBudget(words.creator, options.userBudget, lifetimeSeconds),
  };
}
