import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { Order } from '../../platform/db/schema.ts';
import { NotFoundError } from '../../platform/errors.ts';

/** How a caller names its order: by our id, or by its PaymentIntent (refund and dispute events). */
export type OrderLookup = { column: 'id' | 'payment_intent_id'; value: string };

const byId = (lookup: string | OrderLookup): OrderLookup =>
  typeof lookup === 'string' ? { column: 'id', value: lookup } : lookup;

/**
 * The one order lock: loads the order and holds its row lock until the transaction ends. Every
 * change of an order's state happens under it. On PostgreSQL the pool's `lock_timeout` (5 s, set in
 * platform/db/database.ts) bounds the wait, so a request never queues behind a slow one for long:
 * it fails as contention, which the client or Stripe retries.
 */
export function lockOrder(tx: Tx, lookup: string | OrderLookup): Promise<Order | undefined> {
  const { column, value } = byId(lookup);
  return tx.selectFrom('orders').selectAll().where(column, '=', value).forUpdate().executeTakeFirst();
}

export async function lockOrderOrThrow(tx: Tx, orderId: string): Promise<Order> {
  const order = await lockOrder(tx, orderId);
  if (!order) throw new NotFoundError('Order not found.');
  return order;
}

/**
 * Locks the order in the same round trip as another statement of the caller's (the webhook inbox
 * storing its event), which keeps the lock short. Answers how many rows that statement returned.
 */
export async function lockOrderAlongside(
  tx: Tx,
  lookup: OrderLookup,
  statement: RawBuilder<unknown>,
): Promise<{ rows: number; order: Order | undefined }> {
  const { rows } = await sql<Order & { alongside_rows: number }>`
    with alongside as (${statement})
    select (select count(*) from alongside)::int as alongside_rows, o.*
    from (select 1) as one
    left join lateral (select * from orders where ${sql.ref(lookup.column)} = ${lookup.value} for update) o on true`.execute(
    tx,
  );
  const row = rows[0];
  if (!row) throw new Error('locking the order returned no row');
  const { alongside_rows, ...order } = row;
  return { rows: alongside_rows, order: order.id ? (order as Order) : undefined };
}

/**
 * The lifecycle's one flow: lock, decide, write, in one transaction. `decide` gets the locked
 * order and writes through the lifecycle repository; an order deleted meanwhile gets `missing`.
 */
export function withLockedOrder<T>(
  db: Db,
  orderId: string,
  decide: (tx: Tx, order: Order) => Promise<T>,
  missing: () => T = () => {
    throw new NotFoundError('Order not found.');
  },
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const order = await lockOrder(tx, orderId);
    return order ? decide(tx, order) : missing();
  });
}
