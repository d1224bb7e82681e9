import { parseCookie } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { isSessionToken } from './session-token.ts';

export const SESSION_COOKIE = 'rc_session';

/**
 * Sent only to the API's own paths, never readable by scripts, never on a request started by
 * another site; over HTTPS only in production.
 */
function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/api', secure };
}

/** The session token of the request's cookie, or null when it has none (or not one of ours). */
export function sessionTokenOf(req: Request): string | null {
  const header = req.get('Cookie');
  if (!header) return null;
  const token = parseCookie(header)[SESSION_COOKIE];
  return isSessionToken(token) ? token : null;
}

/** Whether the request carries a session cookie at all, valid or not. */
export function hasSessionCookie(req: Request): boolean {
  const header = req.get('Cookie');
  return header !== undefined && parseCookie(header)[SESSION_COOKIE] !== undefined;
}

/** The cookie lives until the session's absolute expiry; the server ends it sooner when idle. */
export function setSessionCookie(res: Response, token: string, secure: boolean, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(secure), maxAge: maxAgeMs });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}
