import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url: the cookie's value. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, enough for a secret of 256 random bits. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isSessionToken(value: string | undefined): value is string {
  return value !== undefined && TOKEN.test(value);
}

/**
 * The session's CSRF token: an HMAC keyed by the session token, so it is bound to that session,
 * needs no storage, and can only be computed by the server (a page on another site never sees the
 * HttpOnly cookie it derives from).
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('rc-csrf-v1').digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, sent: string | undefined): boolean {
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(sent ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
