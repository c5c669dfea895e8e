/**
 * The user every session and token of the example belongs to. Replace it with your auth: the signed-in user's stable
 * id, read from the request's cookie or header in the route handlers and from the session in the layouts.
 */
export const DEMO_USER_ID = 'demo-user';
