import { CompiledQuery, sql } from 'kysely';
import { type MenuRows, menuRowsJson } from '../menu/menu.repository.ts';
import type { Executor } from '../platform/db/database.ts';
import type { NewOrder, Order, OrderItem, Restaurant } from '../platform/db/schema.ts';
import { keyStatements, LOCK_SECONDS } from '../platform/idempotency.ts';
import type { PricedLine } from './pricing.ts';

/** The columns an order is placed with, in statement order; the others take their defaults. */
const PLACED_COLUMNS = [
  'id',
  'restaurant_id',
  'status',
  'payment_status',
  'order_type',
  'customer_name',
  'customer_email',
  'customer_phone',
  'delivery_address',
  'scheduled_time',
  'special_instructions',
  'currency',
  'subtotal',
  'tax',
  'tip',
  'delivery_fee',
  'total',
  'livemode',
  'order_token_hash',
  'estimated_ready_at',
] as const satisfies readonly (keyof NewOrder)[];

/** An order as it is placed: every placed column given, null where it has no value. */
export type PlacedOrder = { [C in (typeof PLACED_COLUMNS)[number]]-?: Exclude<NewOrder[C], undefined> };

/** What placing an order reads back: all that opening its payment and answering the diner need. */
const PLACED_VIEW = [
  'id',
  'order_number',
  'status',
  'payment_status',
  'customer_email',
  'currency',
  'subtotal',
  'tax',
  'tip',
  'delivery_fee',
  'total',
  'estimated_ready_at',
] as const satisfies readonly (keyof Order)[];

export type PlacedOrderView = Pick<Order, (typeof PLACED_VIEW)[number]>;

/** The Idempotency-Key an order is placed under. */
export type PlacementKey = (
  | /** Claimed in the same statement; when another request holds it already, nothing is placed. */
  { kind: 'new'; scope: string; key: string; fingerprint: string }
  /** Already held by this request (resumed or re-claimed). */
  | { kind: 'held'; keyId: string }
) & {
  /** The restaurant's catalog version the order was priced at: nothing is placed unless it is current. */
  catalogVersion: number;
};

export type Placement =
  | { kind: 'placed'; order: PlacedOrderView; keyId: string }
  /** Nothing was written: another request holds the key (held: it is gone, or has an order meanwhile). */
  | { kind: 'key-taken' }
  /** Nothing was written: the menu or the restaurant changed since the order was priced. */
  | { kind: 'catalog-changed' };

/**
 * The placing statement for either kind of key. Its text is built once, so the hot path builds and
 * compiles no query (the same string also finds its prepared statement without hashing a new
 * copy). Parameters: $1–$20 the order's placed columns, $21 its restaurant, $22 its lines (JSON),
 * $23 the catalog version, then the key's (new: scope, key, fingerprint, lock seconds; held: its
 * id).
 */
function placingStatement(keyed: string): string {
  const values = PLACED_COLUMNS.map((_, index) => `$${index + 1}`).join(', ');
  return `
    with catalog as (select catalog_version from restaurants where id = $21),
    keyed as (${keyed}),
    placed as (
      insert into orders (${PLACED_COLUMNS.join(', ')}, order_number)
      select ${values}, nextval(order_number_sequence($21::uuid)::regclass) from keyed
      returning ${PLACED_VIEW.join(', ')}),
    lines as (
      insert into order_items (order_id, position, menu_item_id, name, unit_price, quantity, modifiers, line_total, special_instructions)
      select placed.id, l.position, l.menu_item_id, l.name, l.unit_price, l.quantity, l.modifiers, l.line_total, l.special_instructions
      from placed, jsonb_to_recordset($22::jsonb) as l(position int, menu_item_id uuid, name text,
        unit_price int, quantity int, modifiers jsonb, line_total int, special_instructions text)),
    timeline as (
      insert into order_events (order_id, type, status, payment_status, actor_type)
      select placed.id, 'created', 'pending_payment', 'requires_payment', 'diner' from placed)
    select ${PLACED_VIEW.map((column) => `placed.${column}`).join(', ')}, keyed.id as key_id, catalog.catalog_version
    from catalog left join keyed on true left join placed on true`;
}

const PLACE_UNDER_NEW_KEY = placingStatement(
  keyStatements.claim('order_created', {
    restaurantId: '$21',
    scope: '$24',
    key: '$25',
    fingerprint: '$26',
    lockSeconds: '$27',
    resourceId: '$1',
    source: 'catalog where catalog.catalog_version = $23',
  }),
);

const PLACE_UNDER_HELD_KEY = placingStatement(
  keyStatements.advance('order_created', {
    id: '$24',
    resourceId: '$1',
    condition: 'exists (select 1 from catalog where catalog.catalog_version = $23)',
  }),
);

/**
 * Places an order in one statement: its Idempotency-Key (claimed, or moved to `order_created`), the
 * order with the next number from its restaurant's sequence, its lines and its first timeline
 * entry. One statement is atomic and locks nothing shared.
 */
export async function placeOrder(
  db: Executor,
  order: PlacedOrder,
  lines: PricedLine[],
  key: PlacementKey,
): Promise<Placement> {
  const items = lines.map((line, position) => ({
    position,
    menu_item_id: line.menu_item_id,
    name: line.name,
    unit_price: line.unit_price,
    quantity: line.quantity,
    modifiers: line.modifiers,
    line_total: line.line_total,
    special_instructions: line.special_instructions,
  }));
  const parameters: unknown[] = PLACED_COLUMNS.map((column) => order[column]);
  parameters.push(order.restaurant_id, JSON.stringify(items), key.catalogVersion);
  if (key.kind === 'new') parameters.push(key.scope, key.key, key.fingerprint, LOCK_SECONDS);
  else parameters.push(key.keyId);
  const { rows } = await db.executeQuery<
    PlacedOrderView & { key_id: string | null; catalog_version: number }
  >(CompiledQuery.raw(key.kind === 'new' ? PLACE_UNDER_NEW_KEY : PLACE_UNDER_HELD_KEY, parameters));
  const row = rows[0];
  if (!row || row.catalog_version !== key.catalogVersion) {
    return { kind: 'catalog-changed' };
  }
  const { key_id, catalog_version: _version, ...placedOrder } = row;
  if (key_id === null) return { kind: 'key-taken' };
  return { kind: 'placed', order: placedOrder, keyId: key_id };
}

export interface OrderIntake {
  restaurant: Restaurant;
  /** Whether the Idempotency-Key is known already: a retry, a reuse, or a request in flight. */
  keyTaken: boolean;
  menu: MenuRows;
}

/**
 * Opens an order request in one read: the restaurant by its slug, whether its Idempotency-Key is
 * known, and the live menu. Undefined when there is no such restaurant.
 */
export async function openOrderIntake(
  db: Executor,
  slug: string,
  claim: { scope: string; key: string },
): Promise<OrderIntake | undefined> {
  const { rows } = await sql<Restaurant & { key_taken: boolean; menu: MenuRows }>`
    select r.*,
      exists (select 1 from idempotency_keys k
        where k.restaurant_id = r.id and k.scope = ${claim.scope} and k.key = ${claim.key}) as key_taken,
      ${menuRowsJson(sql.ref('r.id'))} as menu
    from restaurants r where r.slug = ${slug}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { key_taken, menu, ...restaurant } = row;
  return { restaurant, keyTaken: key_taken, menu };
}

/** The seal's text, built once like the placing statement's. */
const SEAL_PLACED_ORDER = `
  with sealed as (
    update orders set payment_intent_id = $1, payment_intent_status = $2, livemode = $3,
      order_token_hash = $4, updated_at = $5
    where id = $6
    returning status, cancel_reason)
  ${keyStatements.seal({
    id: '$9',
    status: '$7',
    body: '$8',
    condition:
      "exists (select 1 from sealed where sealed.status = 'pending_payment' and sealed.cancel_reason is null)",
  })}`;

/**
 * Records the PaymentIntent on a placed order and seals its idempotency key with the response,
 * atomically, if the order is still payable: false, with the key left unsealed, when an operator
 * cancelled it (or began to) while its PaymentIntent was being opened. The order is found by its id
 * alone, so no other index can tempt a plan made while the table was small.
 */
export async function sealPlacedOrder(
  db: Executor,
  orderId: string,
  payment: Pick<Order, 'payment_intent_id' | 'payment_intent_status' | 'livemode' | 'order_token_hash'>,
  response: { keyId: string; status: number; body: string },
): Promise<boolean> {
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(SEAL_PLACED_ORDER, [
      payment.payment_intent_id,
      payment.payment_intent_status,
      payment.livemode,
      payment.order_token_hash,
      new Date(),
      orderId,
      response.status,
      response.body,
      response.keyId,
    ]),
  );
  return rows.length > 0;
}

export function findOrder(db: Executor, restaurantId: string, orderId: string): Promise<Order | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .where('restaurant_id', '=', restaurantId)
    .executeTakeFirst();
}

export function findOrderItems(db: Executor, orderId: string): Promise<OrderItem[]> {
  return db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
}

export async function deleteOrder(db: Executor, orderId: string): Promise<void> {
  await db.deleteFrom('orders').where('id', '=', orderId).execute();
}
