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
 * xmin), read from the timeline every change writes: every transaction below the xmin has committed
 * or aborted, so a change can never appear later behind the returned position. Without `since`,
 * only the position.
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
      exists (select 1 from order_events h where h.change_tx >= horizon.upto) as held,
      o.id, o.restaurant_id
    from horizon
    left join lateral (
      select distinct e.order_id from order_events e
      where ${since}::xid8 is not null and e.change_tx >= ${since}::xid8 and e.change_tx < horizon.upto
    ) changed on true
    left join orders o on o.id = changed.order_id`.execute(db);
  const first = rows[0];
  if (first === undefined) throw new Error('the change feed read no horizon');
  const orders = rows.flatMap((row) =>
    row.id && row.restaurant_id ? [{ id: row.id, restaurant_id: row.restaurant_id }] : [],
  );
  return { upto: first.upto, orders, held: first.held };
}

/** The ids of a restaurant's orders changed in [since, upto), most recently changed last, at most `limit`. */
export async function restaurantChangesBetween(
  db: Executor,
  restaurantId: string,
  since: string,
  upto: string,
  limit: number,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select o.id from order_events e join orders o on o.id = e.order_id
    where o.restaurant_id = ${restaurantId} and e.change_tx >= ${since}::xid8 and e.change_tx < ${upto}::xid8
    group by o.id
    order by max(e.change_tx), max(e.id)
    limit ${limit}`.execute(db);
  return rows.map((row) => row.id);
}
