import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** An order a batch of the change feed saw changed. */
export interface ChangedOrder {
  id: string;
  restaurant_id: string;
}

export interface ChangeBatch {
  /** The feed's position after this batch: every change below it has been read. */
  upto: string;
  orders: ChangedOrder[];
  /** Changes already committed at or above `upto`, held back behind an older transaction still open. */
  held: boolean;
}

/**
 * The orders changed from `since` up to the oldest transaction still running (the snapshot's
 * xmin): every transaction below it has committed or aborted, so a change can never appear later
 * behind the returned position. Without `since`, only the position.
 */
export async function readOrderChanges(db: Executor, since: string | null): Promise<ChangeBatch> {
  const { rows } = await sql<{
    upto: string;
    held: boolean;
    id: string | null;
    restaurant_id: string | null;
  }>`
    with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as upto)
    select horizon.upto::text as upto,
      exists (select 1 from orders h where h.change_tx >= horizon.upto) as held,
      o.id, o.restaurant_id
    from horizon
    left join orders o on ${since}::xid8 is not null and o.change_tx >= ${since}::xid8 and o.change_tx < horizon.upto`.execute(
    db,
  );
  const first = rows[0];
  if (first === undefined) throw new Error('the change feed read no horizon');
  const orders = rows.flatMap((row) =>
    row.id && row.restaurant_id ? [{ id: row.id, restaurant_id: row.restaurant_id }] : [],
  );
  return { upto: first.upto, orders, held: first.held };
}

/** The ids of a restaurant's orders changed in [since, upto), newest change last, at most `limit`. */
export async function restaurantChangesBetween(
  db: Executor,
  restaurantId: string,
  since: string,
  upto: string,
  limit: number,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from orders
    where restaurant_id = ${restaurantId} and change_tx >= ${since}::xid8 and change_tx < ${upto}::xid8
    order by change_tx, updated_at
    limit ${limit}`.execute(db);
  return rows.map((row) => row.id);
}
