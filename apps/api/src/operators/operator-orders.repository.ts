import type { OrderStatus, PaymentStatus } from '@repo/contracts';
import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { OrderEvent } from '../platform/db/schema.ts';

export interface OrderListFilter {
  restaurantId: string;
  status?: OrderStatus | undefined;
  paymentStatus?: PaymentStatus | undefined;
  /** Only orders flagged for a person (`review_reason` set), or only the others. */
  flagged?: boolean | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  /** Rows strictly after this position in (created_at desc, id desc) order. */
  after?: { at: string; id: string } | undefined;
  limit: number;
}

/**
 * A restaurant's orders as list rows. `cursor_at` is created_at to the microsecond, as text: a JS
 * Date would drop the microseconds and the keyset comparison would skip rows.
 */
function summaryRows(db: Executor, restaurantId: string) {
  return db
    .selectFrom('orders')
    .select([
      'id',
      'order_number',
      'status',
      'payment_status',
      'order_type',
      'customer_name',
      'total',
      'amount_received',
      'amount_refunded',
      'currency',
      'scheduled_time',
      'review_reason',
      'created_at',
    ])
    .select(
      sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'),
    )
    .where('restaurant_id', '=', restaurantId);
}

export type OrderSummaryRow = Awaited<ReturnType<typeof listOrderPage>>[number];

/** One page of a restaurant's orders, newest first. */
export function listOrderPage(db: Executor, filter: OrderListFilter) {
  let query = summaryRows(db, filter.restaurantId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.paymentStatus) query = query.where('payment_status', '=', filter.paymentStatus);
  if (filter.flagged !== undefined) {
    query = query.where('review_reason', filter.flagged ? 'is not' : 'is', null);
  }
  if (filter.createdFrom) query = query.where('created_at', '>=', new Date(filter.createdFrom));
  if (filter.createdTo) query = query.where('created_at', '<', new Date(filter.createdTo));
  const after = filter.after;
  if (after) {
    query = query.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** The list rows of these orders of the restaurant, in the order of `ids`' first appearance. */
export async function findOrderSummaryRows(
  db: Executor,
  restaurantId: string,
  ids: string[],
): Promise<OrderSummaryRow[]> {
  if (ids.length === 0) return [];
  const rows = await summaryRows(db, restaurantId).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

export function findOrderEvents(db: Executor, orderId: string): Promise<OrderEvent[]> {
  return db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

export function findOrderJobs(db: Executor, orderId: string) {
  return db
    .selectFrom('order_jobs')
    .select(['kind', 'ref', 'status', 'attempts', 'last_error', 'updated_at'])
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('kind')
    .execute();
}
