import type { HandlerProblem } from './HandlerProblem.js';

/** The origins an endpoint serves besides its own: a list, or `'*'` for any (no check at all). */
export type AllowedOrigins = ReadonlySet<string> | '*';

/** The host a request was sent to: its `Host` header, or its URL's host where there is none (a bare `Request`). */
function ownHost(request: Request): string {
  return (request.headers.get('host') ?? new URL(request.url).host).toLowerCase();
}

/** The host of an `Origin` header, or `null` for `null` (a sandboxed frame, a file) and anything not a URL. */
function originHost(origin: string): string | null {
  if (origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Decides whether a browser may have sent a request from another origin, by Go's `net/http.CrossOriginProtection`
 * rule: `Sec-Fetch-Site` of `same-origin` or `none` passes and any other value fails; without it, an `Origin` must
 * name the request's own host; a request with neither is not a browser's and passes. An `Origin` listed in
 * `allowed` always passes.
 *
 * @param request The request.
 * @param allowed The extra origins that pass, or `'*'` to pass every request.
 * @returns Whether the request passes.
 */
function isCrossOriginAllowed(request: Request, allowed: AllowedOrigins): boolean {
  if (allowed === '*') return true;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return true;
  const origin = request.headers.get('origin');
  if (origin !== null && allowed.has(origin)) return true;
  // A browser that sends Sec-Fetch-Site says where the request came from; Origin is the fallback for older ones.
  if (site !== null) return false;
  return origin === null || originHost(origin) === ownHost(request);
}

/**
 * Refuses a request a page on another origin sent, before anything reads who is signed in: a sibling subdomain is
 * the same site, so even `SameSite=Strict` cookies ride along with its requests.
 *
 * @param request The request.
 * @param allowed The extra origins that pass, or `'*'` to pass every request.
 * @param thing What the endpoint hands out, for the message.
 * @returns The 403 problem, or `null` when the request passes.
 */
export function checkCrossOrigin(request: Request, allowed: AllowedOrigins, thing: string): HandlerProblem | null {
  if (isCrossOriginAllowed(request, allowed)) return null;
  const message =
    `A page on another origin may not ask for ChatKit ${thing}s: call the endpoint from the app's own origin, ` +
    'or add the calling origin to allowedOrigins on the server.';
  return { status: 403, source: 'client', type: 'permission_error', code: 'origin_not_allowed', message };
}
