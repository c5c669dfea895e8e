import { spendUserBudget, type UserBudgetGrant } from '../budget/spendUserBudget.js';
import { checkCrossOrigin } from './checkCrossOrigin.js';
import type { HandlerProblem } from './HandlerProblem.js';
import { jsonErrorResponse } from './jsonResponse.js';
import { readSessionRequest } from './readSessionRequest.js';
import type { EndpointConfig } from './resolveEndpointConfig.js';

/** Answers for a signed-in user whose request passed every check: a `Response`, or the problem to answer with. */
export type ServeSignedInUser = (request: Request, user: string) => Promise<Response | HandlerProblem>;

/**
 * Builds the problem of a server's own failure (500), which the browser retries.
 *
 * @param code A stable code, such as `missing_api_key`.
 * @param message What went wrong, for people.
 * @param error The error behind it, for the report.
 * @returns The problem.
 */
export const serverProblem = (code: string, message: string, error?: unknown): HandlerProblem => ({
  status: 500,
  source: 'server',
  type: 'server_error',
  code,
  message,
  error,
});

/**
 * Formats the endpoint's clock for a `Date` header.
 *
 * @param config The endpoint's configuration.
 * @returns The current time as an HTTP date.
 */
export function httpDate(config: EndpointConfig): string {
  return new Date(config.now()).toUTCString();
}

function checkMethodAndOrigin(request: Request, config: EndpointConfig): HandlerProblem | null {
  const { thing } = config.words;
  if (request.method !== 'POST') {
    const message = `The ${thing} endpoint answers POST only, not ${request.method}.`;
    const type = 'invalid_request_error';
    return { status: 405, source: 'client', type, code: 'method_not_allowed', message, headers: { Allow: 'POST' } };
  }
  return checkCrossOrigin(request, config.allowedOrigins, thing);
}

/** Asks `resolveUser` who is signed in: the user, or the 401 (nobody) or 500 (it failed) to answer with. */
async function readUser(request: Request, config: EndpointConfig): Promise<string | HandlerProblem> {
  const { thing, made } = config.words;
  let user: unknown;
  try {
    user = await config.resolveUser(request);
  } catch (error) {
    return serverProblem('resolve_user_failed', `resolveUser threw, so no ${thing} was ${made}.`, error);
  }
  if (user === null || user === undefined || user === '') {
    const message = `Sign in first: the server could not tell who is asking for a ChatKit ${thing}.`;
    return { status: 401, source: 'client', type: 'authentication_error', code: 'unauthenticated', message };
  }
  return typeof user === 'string'
    ? user
    : serverProblem('invalid_user', 'resolveUser returned something not a string.');
}

function answerProblem(problem: HandlerProblem, reason: string | null, config: EndpointConfig): Response {
  const message = config.redact(problem.message);
  const requestId = problem.requestId ?? null;
  const { status, code, source, error } = problem;
  try {
    config.report({ status, code, message, source, requestId, reason, error });
  } catch {
    // A broken logger must not turn a clear answer into a crash.
  }
  const headers = { ...problem.headers, Date: httpDate(config), 'x-request-id': requestId };
  return jsonErrorResponse(problem.status, { ...problem, message }, headers);
}

async function handle(request: Request, config: EndpointConfig, serve: ServeSignedInUser): Promise<Response> {
  const refused = checkMethodAndOrigin(request, config);
  if (refused) return answerProblem(refused, null, config);
  const reading = await readSessionRequest(request, config.maxBodyBytes);
  if (!reading.ok) return answerProblem(reading.problem, null, config);
  const user = await readUser(request, config);
  if (typeof user !== 'string') return answerProblem(user, reading.reason, config);
  // Counted before anything is minted, so a refused request never reaches OpenAI or the signing key.
  const grant = await spendUserBudget(user, config);
  if ('status' in grant) return answerProblem(grant, reading.reason, config);
  const served = await serveCounted(request, user, serve, grant);
  return served instanceof Response ? served : answerProblem(served, reading.reason, config);
}

/**
 * Serves the user, giving the mint back to the budget when nothing was handed out (an error, a throw), and fitting
 * the budget's window to what was.
 */
async function serveCounted(
  request: Request,
  user: string,
  serve: ServeSignedInUser,
  grant: UserBudgetGrant,
): Promise<Response | HandlerProblem> {
  let served: Response | HandlerProblem;
  try {
    served = await serve(request, user);
  } catch (error) {
    await grant.refund();
    throw error;
  }
  if (served instanceof Response && served.ok) await grant.handedOut(served);
  else await grant.refund();
  return served;
}

/**
 * Creates a web-standard endpoint that serves the signed-in user, with the checks every endpoint shares.
 *
 * It answers POST only, refuses a request a page on another origin sent (`Sec-Fetch-Site`, else `Origin`; see
 * `checkCrossOrigin`) unless `allowedOrigins` lists it, reads the body the session controller sends
 * (nothing, or `{ "reason": "…" }`, at most `maxBodyBytes`), asks `resolveUser` who is signed in (401 when nobody),
 * counts the mint against the user's budget (429 with `Retry-After` when it is spent; given back when `serve` hands
 * nothing out), and only then calls `serve`. Every problem becomes an OpenAI-style JSON error with a `Date` header
 * and `Cache-Control: no-store`, reported through `onError` with the endpoint's secrets removed; a throw becomes a
 * 500.
 *
 * @param config The endpoint's configuration.
 * @param serve What to answer for the signed-in user.
 * @returns The endpoint: `(request: Request) => Promise<Response>`.
 */
export function createSignedInEndpoint(
  config: EndpointConfig,
  serve: ServeSignedInUser,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await handle(request, config, serve);
    } catch (error) {
      const message = `The ${config.words.thing} endpoint failed unexpectedly.`;
      return answerProblem(serverProblem('internal_error', message, error), null, config);
    }
  };
}
