import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { body, json, problem } from './openapi-parts.ts';
import {
  ChangePasswordRequest,
  CreatedStaff,
  CreateStaffRequest,
  SessionView,
  SignInRequest,
  StaffList,
  StaffView,
} from './staff.ts';

const csrf = z.object({
  'X-CSRF-Token': z
    .string()
    .describe('The csrf_token of the session (required on writes made with the cookie)'),
});
const withCookie = {
  'Set-Cookie': {
    description: 'rc_session=<token>; Path=/api; HttpOnly; SameSite=Strict (and Secure in production)',
    schema: { type: 'string' as const },
  },
};

/** Staff sign-in and session routes; the `staffSession` cookie scheme used by the operator routes. */
export function registerSessionRoutes(registry: OpenAPIRegistry): Record<string, string[]> {
  const scheme = registry.registerComponent('securitySchemes', 'staffSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'rc_session',
    description:
      'A staff session from POST /api/session. Writes also need the X-CSRF-Token header; roles decide what is allowed.',
  });
  const session = { [scheme.name]: [] };
  registry.registerPath({
    method: 'post',
    path: '/api/session',
    tags: ['staff'],
    summary: 'Sign in with email and password: sets the session cookie and answers the CSRF token',
    request: { body: body(SignInRequest) },
    responses: {
      200: { ...json('Signed in', SessionView), headers: withCookie },
      401: problem(
        'invalid-credentials: the same answer for an unknown email, a wrong password or a disabled member',
      ),
      422: problem('Invalid body'),
      429: problem('Too many attempts from this IP or for this email; see Retry-After'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/session',
    tags: ['staff'],
    summary: 'Who is signed in (with the CSRF token, so a reloaded console recovers it)',
    security: [session],
    responses: {
      200: json('The session', SessionView),
      401: problem('No session, or it expired (12 h idle, 7 days at most) or was ended'),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/session',
    tags: ['staff'],
    summary: 'Sign out: the session ends and the cookie is cleared',
    security: [session],
    request: { headers: csrf },
    responses: {
      204: { description: 'Signed out (also when there was no session)', headers: withCookie },
      403: problem('csrf-token-invalid'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/session/password',
    tags: ['staff'],
    summary: "Change one's password (required after a one-time password); ends one's other sessions",
    security: [session],
    request: { headers: csrf, body: body(ChangePasswordRequest) },
    responses: {
      200: json('The session, must_change_password false', SessionView),
      401: problem('No session, or it expired'),
      403: problem('csrf-token-invalid'),
      422: problem(
        'New password shorter than 12 characters or equal to the current one, or the current one is wrong',
      ),
      429: problem('Too many attempts; see Retry-After'),
    },
  });
  return session;
}

/** The owner's staff management routes. */
export function registerStaffRoutes(
  registry: OpenAPIRegistry,
  security: Record<string, string[]>[],
  denied: Record<number, ReturnType<typeof problem>>,
): void {
  const slug = z.object({ slug: z.string().min(1) });
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/staff',
    tags: ['staff'],
    summary: "The restaurant's staff members (owner)",
    security,
    request: { params: slug },
    responses: { 200: json('Every member, disabled ones included', StaffList), ...denied },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/clients/{slug}/staff',
    tags: ['staff'],
    summary: 'Add a staff member (owner); they sign in with the one-time password and must change it',
    security,
    request: { params: slug, body: body(CreateStaffRequest) },
    responses: {
      201: json('The member and their one-time password, shown only this once', CreatedStaff),
      400: problem('Unknown fields'),
      409: problem('staff-email-taken: a member (of any restaurant) already signs in with this email'),
      422: problem('Invalid email, name or role'),
      ...denied,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/clients/{slug}/staff/{staffId}/disable',
    tags: ['staff'],
    summary: 'Disable a staff member (owner): they cannot sign in, and their sessions end at once',
    security,
    request: { params: slug.extend({ staffId: z.uuid() }) },
    responses: {
      200: json('The member, disabled (again, unchanged, if they already were)', StaffView),
      409: problem('staff-self-disable: an owner cannot disable themselves'),
      ...denied,
    },
  });
}
