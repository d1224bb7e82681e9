import request from 'supertest';
import { createOperatorKey } from '../src/operators/api-keys.service.ts';
import { upsertRestaurant } from '../src/restaurants/restaurants.repository.ts';
import { newKey } from './fixtures.ts';
import type { TestContext } from './harness.ts';
import { type PlacedOrder, placeOrder, sdk } from './webhooks.ts';

export async function operatorKey(ctx: TestContext, slug = 'demo', name = 'test'): Promise<string> {
  return (await createOperatorKey(ctx.db, slug, name)).key;
}

export async function otherRestaurant(ctx: TestContext, slug = 'other'): Promise<string> {
  await upsertRestaurant(ctx.db, { slug, name: 'Other Bistro', currency: 'usd', tax_rate_ppm: 0 });
  return operatorKey(ctx, slug);
}

/** An order paid at the emulator with `paymentMethod`, confirmed through the diner's re-sync. */
export async function paidOrder(
  ctx: TestContext,
  paymentMethod = 'pm_card_visa',
  tip = 300,
): Promise<PlacedOrder> {
  const order = await placeOrder(ctx, tip);
  await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: paymentMethod });
  const res = await request(ctx.app)
    .get(`/api/clients/demo/orders/${order.orderId}`)
    .set('X-Order-Token', order.token)
    .expect(200);
  if (res.body.payment_status !== 'succeeded') throw new Error(`order not paid: ${res.body.payment_status}`);
  return order;
}

/** A staff member's session, as the console holds it: the cookie and the CSRF token. */
export interface SessionCredentials {
  cookie: string;
  csrf: string;
}

/** supertest calls to the operator API with one key, or one staff session. */
export function operatorApi(ctx: TestContext, key: string | SessionCredentials | null, slug = 'demo') {
  const auth = <T extends request.Test>(req: T): T => {
    if (key === null) return req;
    if (typeof key === 'string') return req.set('Authorization', `Bearer ${key}`);
    return req.set('Cookie', key.cookie).set('X-CSRF-Token', key.csrf);
  };
  return {
    list: (query: Record<string, string | number> = {}) =>
      auth(request(ctx.app).get(`/api/clients/${slug}/orders`).query(query)),
    get: (orderId: string) => auth(request(ctx.app).get(`/api/clients/${slug}/orders/${orderId}`)),
    refund: (orderId: string, body: unknown, idempotencyKey: string | null = newKey()) => {
      const req = auth(request(ctx.app).post(`/api/clients/${slug}/orders/${orderId}/refunds`));
      return (idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req).send(body as object);
    },
    cancel: (orderId: string, body: unknown, idempotencyKey: string | null = newKey()) => {
      const req = auth(request(ctx.app).post(`/api/clients/${slug}/orders/${orderId}/cancel`));
      return (idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req).send(body as object);
    },
    /** accept, reject or status: a staff action on one order. */
    act: (
      orderId: string,
      action: 'accept' | 'reject' | 'status',
      body: unknown,
      idempotencyKey: string | null = newKey(),
    ) => {
      const req = auth(request(ctx.app).post(`/api/clients/${slug}/orders/${orderId}/${action}`));
      return (idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req).send(body as object);
    },
  };
}

export function refundRows(ctx: TestContext, orderId: string) {
  return ctx.db
    .selectFrom('refunds')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function timeline(ctx: TestContext, orderId: string) {
  return ctx.db
    .selectFrom('order_events')
    .select(['type', 'actor_type', 'actor_id'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
}

/** Polls until `check` holds (webhook deliveries land asynchronously). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  ms = 5000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
