import { sql } from 'kysely';
import { type MenuRows, menuRowsJson } from '../menu/menu.repository.ts';
import type { Executor } from '../platform/db/database.ts';
import type {
  ActorType,
  NewOrder,
  Order,
  OrderItem,
  OrderUpdate,
  Restaurant,
} from '../platform/db/schema.ts';
import { claimLockedUntil } from '../platform/idempotency.ts';
import type { PricedLine } from './pricing.ts';

function columns(row: Record<string, unknown>) {
  const names = Object.keys(row);
  return {
    names: sql.join(names.map((name) => sql.ref(name))),
    values: sql.join(names.map((name) => sql`${row[name]}`)),
  };
}

/**
 * Places an order in one statement: the order with the next number from its restaurant's sequence,
 * its lines, its first timeline entry, and the idempotency key moved to `order_created`. One
 * statement is atomic, and nothing shared is locked.
 */
export async function placeOrder(
  db: Executor,
  order: Omit<NewOrder, 'order_number'>,
  lines: PricedLine[],
  idempotencyKeyId: string,
): Promise<Order> {
  const placed = columns(order);
  const items = lines.map((line, position) =>
    columns({
      order_id: order.id,
      position,
      menu_item_id: line.menu_item_id,
      name: line.name,
      unit_price: line.unit_price,
      quantity: line.quantity,
      modifiers: JSON.stringify(line.modifiers),
      line_total: line.line_total,
      special_instructions: line.special_instructions,
    }),
  );
  const { rows } = await sql<Order>`
    with placed as (
      insert into orders (${placed.names}, order_number)
      values (${placed.values}, nextval(order_number_sequence(${order.restaurant_id}::uuid)::regclass)) returning *),
    lines as (
      insert into order_items (${items[0]!.names}) values ${sql.join(items.map((item) => sql`(${item.values})`))}),
    timeline as (
      insert into order_events (order_id, type, status, payment_status, actor_type)
      values (${order.id}, 'created', 'pending_payment', 'requires_payment', 'diner')),
    keyed as (
      update idempotency_keys set recovery_point = 'order_created', resource_id = ${order.id} where id = ${idempotencyKeyId})
    select * from placed`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`order ${order.id} was not placed`);
  return row;
}

export interface OrderIntake {
  restaurant: Restaurant;
  /** The idempotency key claimed afresh; null when the key was there already (a retry or a reuse). */
  claimedKeyId: string | null;
  menu: MenuRows;
}

/**
 * Opens an order request in one round trip: the restaurant by its slug, a fresh claim of the
 * Idempotency-Key, and the live menu. Undefined when there is no such restaurant (nothing written).
 */
export async function openOrderIntake(
  db: Executor,
  slug: string,
  claim: { scope: string; key: string; fingerprint: string },
): Promise<OrderIntake | undefined> {
  const { rows } = await sql<Restaurant & { claimed_key_id: string | null; menu: MenuRows }>`
    with r as (select * from restaurants where slug = ${slug}),
    claimed as (
      insert into idempotency_keys (restaurant_id, scope, key, fingerprint, locked_until)
      select r.id, ${claim.scope}, ${claim.key}, ${claim.fingerprint}, ${claimLockedUntil()} from r
      on conflict (restaurant_id, scope, key) do nothing returning id)
    select r.*, (select id from claimed) as claimed_key_id, ${menuRowsJson(sql.ref('r.id'))} as menu from r`.execute(
    db,
  );
  const row = rows[0];
  if (!row) return undefined;
  const { claimed_key_id, menu, ...restaurant } = row;
  return { restaurant, claimedKeyId: claimed_key_id, menu };
}

/** Records the PaymentIntent on a placed order and seals its idempotency key with the response, atomically. */
export async function sealPlacedOrder(
  db: Executor,
  orderId: string,
  payment: OrderUpdate,
  response: { keyId: string; status: number; body: string },
): Promise<void> {
  await db
    .with('sealed', (qb) =>
      qb
        .updateTable('orders')
        .set({ ...payment, updated_at: new Date() })
        .where('id', '=', orderId),
    )
    .updateTable('idempotency_keys')
    .set({
      response_status: response.status,
      response_body: response.body,
      recovery_point: 'finished',
      locked_until: null,
    })
    .where('id', '=', response.keyId)
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
