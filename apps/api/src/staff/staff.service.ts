import type { CreateStaffRequest, StaffView } from '@repo/contracts';
import type { Operator } from '../operators/operator.ts';
import type { Db } from '../platform/db/database.ts';
import type { Restaurant, Staff } from '../platform/db/schema.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/uuid.ts';
import { deleteStaffSessions } from '../sessions/sessions.repository.ts';
import { hashPassword, oneTimePassword } from './password.ts';
import {
  findStaffMember,
  insertStaff,
  listStaff,
  markStaffDisabled,
  setStaffPassword,
} from './staff.repository.ts';

export function toStaffView(staff: Staff): StaffView {
  return {
    id: staff.id,
    email: staff.email,
    name: staff.name,
    role: staff.role,
    must_change_password: staff.must_change_password,
    disabled_at: staff.disabled_at ? staff.disabled_at.toISOString() : null,
    created_at: staff.created_at.toISOString(),
  };
}

/**
 * Adds a member with a fresh password, returned here and nowhere else. It is one-time (changed at
 * first sign-in) unless `mustChangePassword` is false, as for the demo's manager.
 */
export async function createStaffMember(
  db: Db,
  restaurant: Pick<Restaurant, 'id'>,
  request: CreateStaffRequest,
  mustChangePassword = true,
): Promise<{ staff: Staff; password: string }> {
  const password = oneTimePassword();
  const staff = await insertStaff(db, {
    restaurant_id: restaurant.id,
    email: request.email,
    name: request.name,
    role: request.role,
    password_hash: await hashPassword(password),
    must_change_password: mustChangePassword,
  });
  if (!staff) {
    throw new ConflictError(
      'staff-email-taken',
      'Email already in use',
      `A staff member already signs in with ${request.email}; one email signs in to one account.`,
    );
  }
  return { staff, password };
}

export function listStaffMembers(db: Db, restaurantId: string): Promise<Staff[]> {
  return listStaff(db, restaurantId);
}

/** Disables a member and ends their sessions at once; how many sessions ended. */
export function disableStaff(
  db: Db,
  staff: Staff,
  now: Date,
): Promise<{ staff: Staff; endedSessions: number }> {
  return db.transaction().execute(async (tx) => {
    const disabled = await markStaffDisabled(tx, staff.id, now);
    const endedSessions = await deleteStaffSessions(tx, staff.id);
    return { staff: disabled, endedSessions };
  });
}

/** The owner's `POST …/staff/:staffId/disable`: a member of the operator's own restaurant, not themselves. */
export async function disableStaffMember(
  db: Db,
  operator: Operator,
  staffId: string,
  now: Date,
): Promise<Staff> {
  const staff = isUuid(staffId) ? await findStaffMember(db, operator.restaurant.id, staffId) : undefined;
  if (!staff) throw new NotFoundError('Staff member not found.');
  if (operator.staff?.id === staff.id) {
    throw new ConflictError(
      'staff-self-disable',
      'Cannot disable yourself',
      'An owner cannot disable their own account; another owner (or the command line) can.',
    );
  }
  return (await disableStaff(db, staff, now)).staff;
}

/** A new one-time password: the member must change it at sign-in, and their sessions end now. */
export async function resetStaffPassword(db: Db, staff: Staff, now: Date): Promise<string> {
  const password = oneTimePassword();
  const password_hash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await setStaffPassword(tx, staff.id, { password_hash, must_change_password: true, at: now });
    await deleteStaffSessions(tx, staff.id);
  });
  return password;
}
