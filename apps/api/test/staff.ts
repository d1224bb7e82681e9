import type { SessionView, StaffRole } from '@repo/contracts';
import type { Express } from 'express';
import request from 'supertest';
import { findRestaurantBySlug } from '../src/restaurants/restaurants.repository.ts';
import { createStaffMember } from '../src/staff/staff.service.ts';
import type { TestContext } from './harness.ts';
import type { SessionCredentials } from './operators.ts';

export interface TestStaff {
  id: string;
  email: string;
  password: string;
}

let counter = 0;

/** A staff member of `slug` with this role; their password is not one-time unless `oneTime`. */
export async function addStaff(
  ctx: TestContext,
  role: StaffRole,
  options: { slug?: string; email?: string; oneTime?: boolean } = {},
): Promise<TestStaff> {
  const slug = options.slug ?? 'demo';
  const restaurant = await findRestaurantBySlug(ctx.db, slug);
  if (!restaurant) throw new Error(`no restaurant ${slug}`);
  counter += 1;
  const email = options.email ?? `${role}-${counter}-${Date.now()}@${slug}.example`;
  const request = { email, name: `${role[0]?.toUpperCase()}${role.slice(1)} ${counter}`, role };
  const { staff, password } = await createStaffMember(ctx.db, restaurant, request, options.oneTime ?? false);
  return { id: staff.id, email: staff.email, password };
}

/** The `name=value` of the session cookie a response sets, or undefined. */
export function sessionCookieOf(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith('rc_session='))?.split(';')[0];
}

export interface SignedIn extends SessionCredentials {
  session: SessionView;
}

/** Signs in (200 expected) and returns what the console keeps: cookie, CSRF token, session. */
export async function signIn(app: Express, member: { email: string; password: string }): Promise<SignedIn> {
  const res = await request(app)
    .post('/api/session')
    .send({ email: member.email, password: member.password })
    .expect(200);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie, csrf: res.body.csrf_token, session: res.body };
}

/** A controllable clock for the app: starts now and moves only when told. */
export function testClock() {
  let at = Date.now();
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
