import type { ChangePasswordRequest, SessionView, SignInRequest, StaffRole } from '@repo/contracts';
import type { Db } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import { DomainError, ValidationError } from '../platform/errors.ts';
import { hashPassword, passwordMatches, verifyAgainstNobody } from '../staff/password.ts';
import { findStaffByEmail, findStaffMember, setStaffPassword } from '../staff/staff.repository.ts';
import { csrfTokenFor, hashSessionToken, newSessionToken } from './session-token.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteStaffSessions,
  findSessionByTokenHash,
  insertSession,
  touchSession,
} from './sessions.repository.ts';

/** A session ends after 12 hours without a request… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and 7 days after sign-in in any case. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

/** The staff member behind a live session. */
export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  mustChangePassword: boolean;
  sessionId: string;
}

/** A session that has not ended: whose it is, their restaurant, and the token it was found by. */
export interface LiveSession {
  token: string;
  staff: SignedInStaff;
  restaurant: Restaurant;
  /** The absolute end, 7 days after sign-in. */
  endsAt: Date;
}

/** One answer for an unknown email, a wrong password and a disabled member, so none is revealed. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(401, 'invalid-credentials', 'Invalid email or password', 'The email or the password is not right.');
  }
}

/**
 * The live session of `token`, or null when there is none: unknown, ended, idle for 12 hours,
 * older than 7 days, or its member disabled. An expired session's row is deleted on the way.
 */
export async function resolveSession(db: Db, token: string, now: Date): Promise<LiveSession | null> {
  const row = await findSessionByTokenHash(db, hashSessionToken(token));
  if (!row) return null;
  const {
    session_id: sessionId,
    session_created_at: createdAt,
    session_last_seen_at: lastSeenAt,
    staff_id,
    staff_email,
    staff_name,
    staff_role,
    staff_must_change_password,
    staff_disabled_at,
    ...restaurant
  } = row;
  const at = now.getTime();
  const idle = at - lastSeenAt.getTime() >= SESSION_IDLE_MS;
  const old = at - createdAt.getTime() >= SESSION_LIFETIME_MS;
  if (idle || old || staff_disabled_at) {
    await deleteSession(db, sessionId);
    return null;
  }
  if (at - lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchSession(db, sessionId, now);
  return {
    token,
    restaurant,
    endsAt: new Date(createdAt.getTime() + SESSION_LIFETIME_MS),
    staff: {
      id: staff_id,
      email: staff_email,
      name: staff_name,
      role: staff_role,
      mustChangePassword: staff_must_change_password,
      sessionId,
    },
  };
}

/**
 * Checks the password (against a stand-in hash for an unknown email, so every failure takes as
 * long) and opens a session.
 */
export async function signIn(db: Db, request: SignInRequest, now: Date): Promise<LiveSession> {
  const staff = await findStaffByEmail(db, request.email);
  let matches = false;
  if (staff) matches = await passwordMatches(staff.password_hash, request.password);
  else await verifyAgainstNobody(request.password);
  if (!staff || !matches || staff.disabled_at) throw new InvalidCredentialsError();
  const token = newSessionToken();
  await deleteExpiredSessions(db, staff.id, {
    idleBefore: new Date(now.getTime() - SESSION_IDLE_MS),
    createdBefore: new Date(now.getTime() - SESSION_LIFETIME_MS),
  });
  await insertSession(db, { staff_id: staff.id, token_hash: hashSessionToken(token), created_at: now });
  const session = await resolveSession(db, token, now);
  if (!session) throw new Error('a session just opened was not found');
  return session;
}

export function endSession(db: Db, session: LiveSession): Promise<void> {
  return deleteSession(db, session.staff.sessionId);
}

/** Sets a new password, clears the one-time flag and ends the member's other sessions. */
export async function changePassword(
  db: Db,
  session: LiveSession,
  request: ChangePasswordRequest,
  now: Date,
): Promise<LiveSession> {
  const staff = await findStaffMember(db, session.restaurant.id, session.staff.id);
  if (!staff || !(await passwordMatches(staff.password_hash, request.current_password))) {
    throw new ValidationError('The current password is not right.', [
      { path: 'current_password', message: 'is not your current password' },
    ]);
  }
  if (request.new_password === request.current_password) {
    throw new ValidationError('The new password must differ from the current one.', [
      { path: 'new_password', message: 'must differ from the current password' },
    ]);
  }
  const password_hash = await hashPassword(request.new_password);
  await db.transaction().execute(async (tx) => {
    await setStaffPassword(tx, staff.id, { password_hash, must_change_password: false, at: now });
    await deleteStaffSessions(tx, staff.id, session.staff.sessionId);
  });
  return { ...session, staff: { ...session.staff, mustChangePassword: false } };
}

export function sessionView(session: LiveSession): SessionView {
  const { staff, restaurant } = session;
  return {
    staff: {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      restaurant: { slug: restaurant.slug, name: restaurant.name },
    },
    csrf_token: csrfTokenFor(session.token),
    must_change_password: staff.mustChangePassword,
  };
}
