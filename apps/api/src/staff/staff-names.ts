import type { Actor, StaffRole } from '@repo/contracts';
import type { Executor } from '../platform/db/database.ts';
import type { ActorType } from '../platform/db/schema.ts';
import { isUuid } from '../platform/uuid.ts';
import { findStaffNames } from './staff.repository.ts';

/** Staff members by id: how a timeline or a refund ledger names the members who acted. */
export type StaffNames = ReadonlyMap<string, { name: string; role: StaffRole }>;

/** The names of the staff members among `actors`, in one query (none when no member acted). */
export async function staffNamesOf(
  db: Executor,
  actors: { actor_type: ActorType; actor_id: string | null }[],
): Promise<StaffNames> {
  const ids = new Set<string>();
  for (const actor of actors) {
    if (actor.actor_type === 'staff' && actor.actor_id && isUuid(actor.actor_id)) ids.add(actor.actor_id);
  }
  const rows = await findStaffNames(db, [...ids]);
  return new Map(rows.map((row) => [row.id, { name: row.name, role: row.role }]));
}

/** An actor as the API shows it: a staff member with their name and role. */
export function actorView(type: ActorType, id: string | null, names: StaffNames): Actor {
  const member = type === 'staff' && id ? names.get(id) : undefined;
  return member ? { type, id, name: member.name, role: member.role } : { type, id };
}
