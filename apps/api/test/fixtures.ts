import type { CreateOrderRequest, Menu } from '@repo/contracts';
import { sql } from 'kysely';
import request from 'supertest';
import type { OrderUpdate } from '../src/platform/db/schema.ts';
import { fingerprintOf } from '../src/platform/idempotency.ts';
import type { TestContext } from './harness.ts';

export async function fetchMenu(ctx: TestContext, slug = 'demo'): Promise<Menu> {
  const res = await request(ctx.app).get(`/api/clients/${slug}/menu`).expect(200);
  return res.body as Menu;
}

export function itemNamed(menu: Menu, name: string) {
  const item = menu.categories.flatMap((c) => c.items).find((candidate) => candidate.name === name);
  if (!item) throw new Error(`no menu item ${name}`);
  return item;
}

/** A valid pickup order: one Margherita (Medium) and two Garlic Knots. */
export function pickupOrder(menu: Menu, overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  const pizza = itemNamed(menu, 'Margherita');
  const size = pizza.modifier_groups.find((g) => g.name === 'Size');
  const medium = size?.modifiers.find((m) => m.name.startsWith('Medium'));
  if (!size || !medium) throw new Error('demo menu changed');
  return {
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+1 212 555 0100' },
    order_type: 'pickup',
    scheduled_time: null,
    items: [
      {
        menu_item_id: pizza.id,
        quantity: 1,
        modifiers: [{ group_id: size.id, selections: [medium.id] }],
        special_instructions: 'Well done',
      },
      { menu_item_id: itemNamed(menu, 'Garlic Knots').id, quantity: 2, modifiers: [] },
    ],
    special_instructions: null,
    tip: 300,
    ...overrides,
  };
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `test-key-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`;
}

/** An order key whose request claimed it and died before placing anything: its lease has expired. */
export async function abandonedOrderKey(ctx: TestContext, key: string, body: unknown): Promise<void> {
  await ctx.db
    .insertInto('idempotency_keys')
    .values({
      restaurant_id: ctx.restaurant.id,
      scope: 'orders.create',
      key,
      fingerprint: fingerprintOf(body),
      locked_until: new Date(Date.now() - 60_000),
    })
    .execute();
}

/**
 * Rewrites an order row directly, for a state the API cannot reach in a test (an order made in the
 * other mode, a completed order, a review raised elsewhere). Outside tests, only orders/lifecycle/
 * writes orders.
 */
export async function rewriteOrder(ctx: Pick<TestContext, 'db'>, orderId: string, changes: OrderUpdate) {
  await ctx.db.updateTable('orders').set(changes).where('id', '=', orderId).execute();
}

/** Moves an order's creation back by `days`, as if it had been placed that long ago. */
export async function ageOrder(ctx: Pick<TestContext, 'db'>, orderId: string, days: number): Promise<void> {
  await sql`update orders set created_at = now() - make_interval(days => ${days}) where id = ${orderId}`.execute(
    ctx.db,
  );
}

/**
 * `count` pending orders older than any other, whose PaymentIntents Stripe does not know (test data
 * deleted, or a key from another account): every pass of the reconciler fails to re-read them.
 */
export async function insertUnreachableOrders(ctx: TestContext, count: number): Promise<void> {
  await ctx.db
    .insertInto('orders')
    .columns([
      'id',
      'restaurant_id',
      'order_number',
      'status',
      'payment_status',
      'order_type',
      'customer_name',
      'customer_email',
      'customer_phone',
      'currency',
      'subtotal',
      'tax',
      'tip',
      'delivery_fee',
      'total',
      'payment_intent_id',
      'livemode',
      'order_token_hash',
      'created_at',
    ])
    .expression(
      sql`select gen_random_uuid(), ${ctx.restaurant.id}::uuid, 900000 + g, 'pending_payment', 'requires_payment',
        'pickup', 'Gone Diner', 'gone@example.com', '+1 212 555 0100', 'usd', 1000, 89, 0, 0, 1089,
        'pi_gone_' || g, false, 'gone', now() - interval '10 minutes'
        from generate_series(1, ${count}) g`,
    )
    .execute();
}
