import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { ActorType, NewOrder, Order, OrderItem, OrderUpdate } from '../platform/db/schema.ts';
import type { PricedLine } from './pricing.ts';

export async function insertOrder(db: Executor, order: NewOrder, lines: PricedLine[]): Promise<void> {
  await db.insertInto('orders').values(order).execute();
  await db
    .insertInto('order_items')
    .values(
      lines.map((line, position) => ({
        order_id: order.id,
        position,
        menu_item_id: line.menu_item_id,
        name: line.name,
        unit_price: line.unit_price,
        quantity: line.quantity,
        modifiers: JSON.stringify(line.modifiers),
        line_total: line.line_total,
        special_instructions: line.special_instructions,
      })),
    )
    .execute();
}

export function findOrder(db: Executor, restaurantId: string, orderId: string): Promise<Order | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .where('restaurant_id', '=', restaurantId)
    .executeTakeFirst();
}

/** Loads the order and holds its row lock until the transaction ends. */
export function lockOrder(db: Executor, orderId: string): Promise<Order | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst();
}

export function findOrderItems(db: Executor, orderId: string): Promise<OrderItem[]> {
  return db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
}

export async function updateOrder(
  db: Executor,
  orderId: string,
  changes: OrderUpdate,
  options: { readyAfterPrep?: boolean } = {},
): Promise<void> {
  await db
    .updateTable('orders')
    .set({ ...changes, updated_at: new Date() })
    // In the same statement, so confirming costs no extra round trip to read the prep time.
    .$if(options.readyAfterPrep === true, (qb) =>
      qb.set({
        estimated_ready_at: sql<Date>`now() + make_interval(mins => (select r.prep_time_minutes from restaurants r where r.id = orders.restaurant_id))`,
      }),
    )
    .where('id', '=', orderId)
    .execute();
}

export async function deleteOrder(db: Executor, orderId: string): Promise<void> {
  await db.deleteFrom('orders').where('id', '=', orderId).execute();
}

export interface TimelineEntry {
  type: string;
  actorType: ActorType;
  actorId?: string | null;
  status?: Order['status'] | null;
  paymentStatus?: Order['payment_status'] | null;
  detail?: Record<string, unknown> | null;
}

/** Appends to the order's timeline: every state change with who caused it. */
export async function recordOrderEvent(db: Executor, orderId: string, entry: TimelineEntry): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      order_id: orderId,
      type: entry.type,
      status: entry.status ?? null,
      payment_status: entry.paymentStatus ?? null,
      actor_type: entry.actorType,
      actor_id: entry.actorId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
