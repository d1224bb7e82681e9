import type { StaffRole } from '@repo/contracts';
import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { Staff } from '../platform/db/schema.ts';

export interface NewStaff {
  restaurant_id: string;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string;
  must_change_password: boolean;
}

/** Adds a member; undefined when the email is taken (by anyone, whatever its case). */
export function insertStaff(db: Executor, staff: NewStaff): Promise<Staff | undefined> {
  return db
    .insertInto('staff')
    .values(staff)
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The member who signs in with this email, with their restaurant's slug. */
export function findStaffByEmail(db: Executor, email: string) {
  return db
    .selectFrom('staff')
    .innerJoin('restaurants', 'restaurants.id', 'staff.restaurant_id')
    .selectAll('staff')
    .select(['restaurants.slug as restaurant_slug'])
    .where(sql<string>`lower(staff.email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findStaffMember(db: Executor, restaurantId: string, id: string): Promise<Staff | undefined> {
  return db
    .selectFrom('staff')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listStaff(db: Executor, restaurantId: string): Promise<Staff[]> {
  return db
    .selectFrom('staff')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .orderBy('created_at')
    .orderBy('email')
    .execute();
}

/** Names and roles of the members with these ids, for the actors of a timeline. */
export function findStaffNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('staff').select(['id', 'name', 'role']).where('id', 'in', ids).execute();
}

/** Disables a member; one already disabled keeps the time it was first disabled. */
export function markStaffDisabled(db: Executor, id: string, at: Date): Promise<Staff> {
  return db
    .updateTable('staff')
    .set({ disabled_at: sql<Date>`coalesce(disabled_at, ${at})`, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setStaffPassword(
  db: Executor,
  id: string,
  change: { password_hash: string; must_change_password: boolean; at: Date },
): Promise<void> {
  await db
    .updateTable('staff')
    .set({
      password_hash: change.password_hash,
      must_change_password: change.must_change_password,
      updated_at: change.at,
    })
    .where('id', '=', id)
    .execute();
}
