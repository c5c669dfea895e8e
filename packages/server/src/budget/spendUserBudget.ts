import type { HandlerProblem } from '../handler/HandlerProblem.js';
import type { EndpointConfig } from '../handler/resolveEndpointConfig.js';
import { callUserBudgetStore } from './callUserBudgetStore.js';
import { readHandedOutLifetime } from './readHandedOutLifetime.js';
import type { UserBudgetConfig } from './resolveUserBudget.js';
import type { UserBudgetDecision, UserBudgetRequest } from './UserBudgetOptions.js';

/** A mint the budget counted: give it back when nothing was handed out after all. */
export interface UserBudgetGrant {
  /** Gives the mint back; never throws, and waits at most the budget's `timeoutMs`. */
  refund(): Promise<void>;
  /**
   * Fits the window that counted the mint to the lifetime of what it handed out, when that is shorter; never throws,
   * and waits at most the budget's `timeoutMs`.
   */
  handedOut(response: Response): Promise<void>;
}

const UNCOUNTED: UserBudgetGrant = { refund: async () => {}, handedOut: async () => {} };

// The Date header has whole seconds: a lifetime within a second of the window is the window's, and needs no call.
const DATE_HEADER_RESOLUTION_MS = 1000;

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'it failed without an Error';
}

/** Tells `onStoreError`, or the console, that the store failed; a broken reporter must not break the answer. */
function reportStoreError(error: unknown, budget: UserBudgetConfig, config: EndpointConfig): void {
  try {
    if (budget.onStoreError) budget.onStoreError(error);
    else {
      const line = `[chatkit-session] userBudget: the store failed (${describeError(error)}), so the ${config.words.thing} endpoint went on without its answer (a slow store may still count this mint).`;
      console.error(config.redact(line));
    }
  } catch {
    // The answer matters more than the report.
  }
}

function exceeded(decision: UserBudgetDecision, budget: UserBudgetConfig, config: EndpointConfig): HandlerProblem {
  const { thing } = config.words;
  const { limit, windowSeconds } = budget;
  const waitMs = Number.isFinite(decision.resetInMs) ? decision.resetInMs : windowSeconds * 1000;
  // Whole seconds, rounded up: a client that waits exactly Retry-After finds the window ended.
  const seconds = Math.min(Math.max(1, Math.ceil(waitMs / 1000)), windowSeconds);
  const per = budget.followsLifetime ? `${thing} lifetime` : `${windowSeconds} seconds`;
  // The message names no user: the browser knows who it is, and a log of it should not list user ids.
  const message =
    `Too many ChatKit ${thing}s for this user: the server allows ${limit} per ${per} ` +
    `(userBudget). Try again in ${seconds} seconds.`;
  const headers = { 'Retry-After': String(seconds) };
  return { status: 429, source: 'client', type: 'rate_limit_error', code: 'user_budget_exceeded', message, headers };
}

function unavailable(error: unknown, config: EndpointConfig): HandlerProblem {
  const { thing, made } = config.words;
  const message = `The server could not check this user's ChatKit ${thing} budget, so no ${thing} was ${made}. Retry later.`;
  return { status: 503, source: 'server', type: 'server_error', code: 'user_budget_unavailable', message, error };
}

function isDecision(value: unknown): value is UserBudgetDecision {
  return typeof (value as Partial<UserBudgetDecision> | null)?.allowed === 'boolean';
}

/**
 * Counts one mint against the signed-in user's budget, before anything is minted.
 *
 * @param user The signed-in user.
 * @param config The endpoint's configuration.
 * @returns The grant (refundable), or the problem to answer with: 429 with `Retry-After` when the user's window is
 *   full, 503 when the store failed and the budget fails closed.
 */
export async function spendUserBudget(user: string, config: EndpointConfig): Promise<UserBudgetGrant | HandlerProblem> {
  const budget = config.userBudget;
  if (!budget) return UNCOUNTED;
  const { store, limit, windowSeconds, timeoutMs } = budget;
  const request = (signal: AbortSignal): UserBudgetRequest => ({
    limit,
    windowMs: windowSeconds * 1000,
    now: config.now(),
    signal,
  });
  let decision: unknown;
  try {
    decision = await callUserBudgetStore((signal) => store.consume(user, request(signal)), timeoutMs);
    if (!isDecision(decision)) throw new TypeError('userBudget.store.consume() answered without `allowed`.');
  } catch (error) {
    if (!budget.failOpen) return unavailable(error, config);
    reportStoreError(error, budget, config);
    return UNCOUNTED;
  }
  if (!decision.allowed) return exceeded(decision, budget, config);
  const { window } = decision;
  const settle = (call: (signal: AbortSignal) => Promise<void>) =>
    callUserBudgetStore(call, timeoutMs).catch((error: unknown) => reportStoreError(error, budget, config));
  return {
    refund: () => settle((signal) => store.refund(user, { ...request(signal), window })),
    handedOut: async (response) => {
      if (!budget.followsLifetime) return;
      const lifetimeMs = await readHandedOutLifetime(response, config.now);
      if (lifetimeMs === null || lifetimeMs >= windowSeconds * 1000 - DATE_HEADER_RESOLUTION_MS) return;
      // At least the shortest window the option allows: a credential that arrived expired still counts somewhere.
      const windowMs = Math.max(DATE_HEADER_RESOLUTION_MS, lifetimeMs);
      await settle((signal) => store.shorten(user, { ...request(signal), windowMs, window }));
    },
  };
}
