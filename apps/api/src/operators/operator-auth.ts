import type { Request, RequestHandler, Response } from 'express';
import { type Clock, systemClock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../platform/errors.ts';
import { sessionTokenOf } from '../sessions/session-cookie.ts';
import { csrfTokenMatches } from '../sessions/session-token.ts';
import { type LiveSession, resolveSession } from '../sessions/sessions.service.ts';
import { authenticateOperator } from './api-keys.service.ts';
import type { Operator } from './operator.ts';
import { requireRole } from './operator-roles.ts';

declare global {
  namespace Express {
    interface Locals {
      /** Set by `requireOperator` on the operator routes. */
      operator?: Operator;
    }
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write made with the session cookie must carry the session's CSRF token in `X-CSRF-Token`:
 * a page on another site can make the browser send the cookie, but cannot read the token.
 */
export function requireCsrfToken(req: Request, session: LiveSession): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (csrfTokenMatches(session.token, req.get('X-CSRF-Token'))) return;
  throw new ForbiddenError(
    'csrf-token-invalid',
    'CSRF token missing or wrong',
    'A change made with the session cookie needs the X-CSRF-Token header with the csrf_token of the session.',
  );
}

async function authenticateStaff(db: Db, req: Request, token: string, now: Date): Promise<Operator> {
  const session = await resolveSession(db, token, now);
  if (!session) throw new UnauthorizedError('Sign in: the session has ended or is unknown.');
  requireCsrfToken(req, session);
  if (session.restaurant.slug !== String(req.params.slug)) throw new NotFoundError('Restaurant not found.');
  if (session.staff.mustChangePassword) {
    throw new ForbiddenError(
      'password-change-required',
      'Password change required',
      'Change the one-time password first (POST /api/session/password).',
    );
  }
  return { restaurant: session.restaurant, principal: `staff:${session.staff.id}`, staff: session.staff };
}

/**
 * Authenticates the operator of the restaurant named by `:slug`: `Authorization: Bearer rk_…`
 * (every right), or else the staff session cookie (CSRF token on writes; the role the route needs,
 * from operator-roles.ts). Another restaurant's credentials answer 404.
 */
export function requireOperator(db: Db, now: Clock = systemClock): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.get('Authorization');
    const token = authorization === undefined ? sessionTokenOf(req) : null;
    const operator = token
      ? await authenticateStaff(db, req, token, now())
      : await authenticateOperator(db, authorization, String(req.params.slug));
    requireRole(operator, req.method, String(req.route?.path ?? ''));
    res.locals.operator = operator;
    next();
  };
}

export function operatorOf(res: Response): Operator {
  const { operator } = res.locals;
  if (!operator) throw new Error('operator route mounted without requireOperator');
  return operator;
}
