import { ChangePasswordRequest, SignInRequest } from '@repo/contracts';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { requireCsrfToken } from '../operators/operator-auth.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { systemClock } from '../platform/clock.ts';
import { UnauthorizedError } from '../platform/errors.ts';
import { parseInput } from '../platform/http.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import { prepareStandInHash } from '../staff/password.ts';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie.ts';
import {
  changePassword,
  endSession,
  type LiveSession,
  resolveSession,
  sessionView,
  signIn,
} from './sessions.service.ts';

declare global {
  namespace Express {
    interface Locals {
      /** The signed-in member's email on the password route, for the per-email attempt limit. */
      staffEmail?: string;
      /** The live session of the `/api/session` routes. */
      staffSession?: LiveSession;
    }
  }
}

function sessionOf(res: Response): LiveSession {
  const session = res.locals.staffSession;
  if (!session) throw new Error('session route mounted without its session guard');
  return session;
}

/** Staff sign in, see who they are, change their password and sign out: the console's session. */
export function sessionRoutes(deps: AppDeps, limits: RateLimits): Router {
  const router = Router();
  const { db } = deps;
  const now = deps.now ?? systemClock;
  const secure = deps.config.NODE_ENV === 'production';
  prepareStandInHash();
  const send = (res: Response, session: LiveSession, status = 200) => {
    const remaining = session.endsAt.getTime() - now().getTime();
    setSessionCookie(res, session.token, secure, remaining);
    res.status(status).set('Cache-Control', 'no-store').json(sessionView(session));
  };
  // The live session of the cookie, or 401 (and the stale cookie cleared); writes need the CSRF token.
  const signedIn: RequestHandler = async (req: Request, res, next) => {
    const token = sessionTokenOf(req);
    const session = token ? await resolveSession(db, token, now()) : null;
    if (!session) {
      clearSessionCookie(res, secure);
      throw new UnauthorizedError('Not signed in, or the session has ended.');
    }
    requireCsrfToken(req, session);
    res.locals.staffSession = session;
    res.locals.staffEmail = session.staff.email;
    next();
  };

  router.post('/api/session', limits.signInPerIp, limits.signInPerEmail, async (req, res) => {
    const request = parseInput(SignInRequest, req.body);
    send(res, await signIn(db, request, now()));
  });

  router.get('/api/session', signedIn, (_req, res) => {
    send(res, sessionOf(res));
  });

  router.delete('/api/session', async (req, res) => {
    const token = sessionTokenOf(req);
    const session = token ? await resolveSession(db, token, now()) : null;
    // Signing out without a live session has nothing to end; with one, it is a write like any other.
    if (session) {
      requireCsrfToken(req, session);
      await endSession(db, session);
    }
    clearSessionCookie(res, secure);
    res.status(204).end();
  });

  router.post(
    '/api/session/password',
    signedIn,
    limits.signInPerIp,
    limits.signInPerEmail,
    async (req, res) => {
      const request = parseInput(ChangePasswordRequest, req.body);
      send(res, await changePassword(db, sessionOf(res), request, now()));
    },
  );

  return router;
}
