import type { Executor } from '../platform/db/database.ts';

export async function insertSession(
  db: Executor,
  session: { staff_id: string; token_hash: string; created_at: Date },
): Promise<string> {
  const row = await db
    .insertInto('staff_sessions')
    .values({ ...session, last_seen_at: session.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The session with this token hash, its staff member and their restaurant, in one query. */
export function findSessionByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .innerJoin('restaurants', 'restaurants.id', 'staff.restaurant_id')
    .selectAll('restaurants')
    .select([
      'staff_sessions.id as session_id',
      'staff_sessions.created_at as session_created_at',
      'staff_sessions.last_seen_at as session_last_seen_at',
      'staff.id as staff_id',
      'staff.email as staff_email',
      'staff.name as staff_name',
      'staff.role as staff_role',
      'staff.must_change_password as staff_must_change_password',
      'staff.disabled_at as staff_disabled_at',
    ])
    .where('staff_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records activity, at most once a minute, so an authenticated request rarely writes. */
export async function touchSession(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where('last_seen_at', '<', new Date(now.getTime() - 60_000))
    .execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
}

/** Ends a member's sessions, all of them or all but one; how many ended. */
export async function deleteStaffSessions(
  db: Executor,
  staffId: string,
  exceptSessionId?: string,
): Promise<number> {
  let query = db.deleteFrom('staff_sessions').where('staff_id', '=', staffId);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes a member's sessions that expired, idle or old, so the table does not grow forever. */
export async function deleteExpiredSessions(
  db: Executor,
  staffId: string,
  limits: { idleBefore: Date; createdBefore: Date },
): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where('staff_id', '=', staffId)
    .where((eb) =>
      eb.or([eb('last_seen_at', '<=', limits.idleBefore), eb('created_at', '<=', limits.createdBefore)]),
    )
    .execute();
}
