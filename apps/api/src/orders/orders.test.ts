import type { CreateOrderResponse, Menu } from '@repo/contracts';
import Stripe from 'stripe';
import request from 'supertest';
import { fetchMenu, newKey, pickupOrder } from '../../test/fixtures.ts';
import { createTestContext, rowCount, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let menu: Menu;
let stripe: Stripe;

beforeAll(async () => {
  ctx = await createTestContext();
  menu = await fetchMenu(ctx);
  stripe = new Stripe(ctx.emulator.secretKey, ctx.emulator.stripeConfig);
});
afterAll(() => ctx.close());

const post = (body: unknown, key: string | null = newKey(), slug = 'demo') => {
  const req = request(ctx.app).post(`/api/clients/${slug}/orders`);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body as object);
};

const countOrders = () => rowCount(ctx.db, 'orders');

describe('POST /api/clients/:slug/orders', () => {
  it('when the order is valid, then it is priced on the server and opens a PaymentIntent for the total', async () => {
    const res = await post(pickupOrder(menu)).expect(201);
    const body = res.body as CreateOrderResponse;
    expect(body.amounts).toEqual({
      subtotal: 3185,
      tax: 283,
      tip: 300,
      delivery_fee: 0,
      total: 3768,
      currency: 'usd',
    });
    expect(body.status).toBe('pending_payment');
    expect(body.payment_status).toBe('requires_payment');
    expect(body.client_secret).toMatch(/^pi_.+_secret_.+/);
    const intent = await stripe.paymentIntents.retrieve(body.client_secret.split('_secret_')[0] ?? '');
    expect(intent.amount).toBe(3768);
    expect(intent.currency).toBe('usd');
    expect(intent.metadata).toEqual({ order_id: body.order_id, client_slug: 'demo' });
    expect(intent.automatic_payment_methods?.enabled).toBe(true);
    const row = await ctx.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', body.order_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending_payment', total: 3768, payment_intent_id: intent.id });
    const items = await ctx.db
      .selectFrom('order_items')
      .selectAll()
      .where('order_id', '=', body.order_id)
      .orderBy('position')
      .execute();
    expect(items.map((i) => [i.name, i.unit_price, i.quantity, i.line_total])).toEqual([
      ['Margherita', 1795, 1, 1795],
      ['Garlic Knots', 695, 2, 1390],
    ]);
  });

  it('when delivery is chosen, then the delivery fee is added and an address is required', async () => {
    const address = { line1: '1 Main St', city: 'New York', region: 'NY', postal_code: '10001' };
    const res = await post(pickupOrder(menu, { order_type: 'delivery', delivery_address: address })).expect(
      201,
    );
    expect((res.body as CreateOrderResponse).amounts).toMatchObject({ delivery_fee: 399, total: 3768 + 399 });
    const missing = await post(pickupOrder(menu, { order_type: 'delivery' })).expect(422);
    expect(missing.body.errors).toEqual([
      { path: 'delivery_address', message: 'is required for delivery orders' },
    ]);
  });

  it('when the same key is retried with the same body, then the response is replayed byte for byte', async () => {
    const key = newKey();
    const body = pickupOrder(menu);
    const first = await post(body, key).expect(201);
    const before = await countOrders();
    const second = await post(body, key).expect(201);
    expect(second.text).toBe(first.text);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countOrders()).toBe(before);
  });

  it('when a key is reused with a different body, then it is rejected', async () => {
    const key = newKey();
    await post(pickupOrder(menu), key).expect(201);
    const res = await post(pickupOrder(menu, { tip: 500 }), key).expect(422);
    expect(res.body.type).toBe('/problems/idempotency-key-reused');
  });

  it('when 20 requests race with one key, then exactly one order and one PaymentIntent exist', async () => {
    const key = newKey();
    const body = pickupOrder(menu, { tip: 777 });
    const before = await countOrders();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(body, key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.text)).size).toBe(1);
    expect(await countOrders()).toBe(before + 1);
    const orderId = (created[0]!.body as CreateOrderResponse).order_id;
    const intents = await stripe.paymentIntents.list({ limit: 100 });
    expect(intents.data.filter((pi) => pi.metadata?.order_id === orderId)).toHaveLength(1);
  });

  it('when the Idempotency-Key header is missing, then it answers 400 and writes nothing', async () => {
    const before = await countOrders();
    const res = await post(pickupOrder(menu), null).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await countOrders()).toBe(before);
  });

  it('when the slug is unknown, then it answers 404 before any input problem and keeps no key', async () => {
    const keys = () => rowCount(ctx.db, 'idempotency_keys');
    const before = await keys();
    await post(pickupOrder(menu), newKey(), 'nope').expect(404);
    await post({ customer: {} }, newKey(), 'nope').expect(404);
    await post(pickupOrder(menu), null, 'nope').expect(404);
    expect(await keys()).toBe(before);
  });
});
