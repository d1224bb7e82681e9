import type { CreateOrderResponse, Menu } from '@repo/contracts';
import { sql } from 'kysely';
import request from 'supertest';
import { abandonedOrderKey, fetchMenu, newKey, pickupOrder, rewriteOrder } from '../../test/fixtures.ts';
import { appWith, contendedOnce, createTestContext, errorLog, type TestContext } from '../../test/harness.ts';
import { type PlacedOrder, placeMismatchedPaidOrder, placeOrder, sdk } from '../../test/webhooks.ts';
import type { PaymentGateway } from '../payments/payment-gateway.ts';

let ctx: TestContext;
let menu: Menu;
beforeAll(async () => {
  ctx = await createTestContext();
  menu = await fetchMenu(ctx);
});
afterAll(() => ctx.close());

const intentsFor = async (orderId: string) =>
  (await sdk(ctx).paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.metadata?.order_id === orderId);

/** A retry under `key` answers 201 for the one order with this tip, which has one PaymentIntent. */
async function expectRetryFinishesOneOrder(key: string, body: object, tip: number): Promise<void> {
  const retry = await request(ctx.app)
    .post('/api/clients/demo/orders')
    .set('Idempotency-Key', key)
    .send(body);
  expect(retry.status).toBe(201);
  const order = retry.body as CreateOrderResponse;
  expect(await ctx.db.selectFrom('orders').select('id').where('tip', '=', tip).execute()).toEqual([
    { id: order.order_id },
  ]);
  const intents = await intentsFor(order.order_id);
  expect(intents).toHaveLength(1);
  expect(order.client_secret.startsWith(intents[0]!.id)).toBe(true);
}

describe('POST /api/clients/:slug/orders when things fail', () => {
  it('when Stripe is down, then it answers 503 with Retry-After, and a retry with the same key succeeds with one order', async () => {
    const key = newKey();
    const body = pickupOrder(menu, { tip: 123 });
    ctx.emulator.control.failRequests({ status: 503, count: 3 });
    const down = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(503);
    expect(down.headers['retry-after']).toBeDefined();
    expect(down.body.type).toBe('/problems/provider-unavailable');
    const staged = await ctx.db.selectFrom('orders').select('id').where('tip', '=', 123).execute();
    expect(staged).toHaveLength(1);

    const retry = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const order = retry.body as CreateOrderResponse;
    expect(order.order_id).toBe(staged[0]?.id);
    expect(await intentsFor(order.order_id)).toHaveLength(1);
  });

  it('when an order staged during an outage was cancelled meanwhile, then the retry opens no PaymentIntent', async () => {
    const key = newKey();
    const body = pickupOrder(menu, { tip: 124 });
    ctx.emulator.control.failRequests({ status: 503, count: 3 });
    await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(503);
    const staged = await ctx.db
      .selectFrom('orders')
      .select('id')
      .where('tip', '=', 124)
      .executeTakeFirstOrThrow();
    await rewriteOrder(ctx, staged.id, { status: 'cancelled', payment_status: 'canceled' });
    const retry = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(409);
    expect(retry.body.type).toBe('/problems/order-not-payable');
    expect(await intentsFor(staged.id)).toEqual([]);
  });

  it('when the process dies between the Stripe call and the commit, then the retry reuses the same PaymentIntent', async () => {
    const crashing: PaymentGateway = {
      ...ctx.payments,
      async createPaymentIntent(input) {
        await ctx.payments.createPaymentIntent(input);
        throw new Error('simulated crash after Stripe answered');
      },
    };
    const crashingApp = appWith(ctx, { payments: crashing });
    const key = newKey();
    const body = pickupOrder(menu, { tip: 456 });
    await request(crashingApp)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(500);

    const inFlight = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(409);
    expect(inFlight.body.type).toBe('/problems/request-in-progress');
    // The crashed request's lock expires.
    await ctx.db
      .updateTable('idempotency_keys')
      .set({ locked_until: sql<Date>`now() - interval '1 second'` })
      .where('key', '=', key)
      .execute();

    await expectRetryFinishesOneOrder(key, body, 456);
  });

  it('when the database is contended as the order is sealed, then it answers 503 and an immediate retry succeeds with the same PaymentIntent', async () => {
    // The seal (the PaymentIntent recorded, the response kept under the key) meets a serialization failure once.
    const contended = contendedOnce(ctx.db, 'response_body');
    const contendedApp = appWith(ctx, { db: contended.db });
    const key = newKey();
    const body = pickupOrder(menu, { tip: 457 });
    const busy = await request(contendedApp)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(503);
    expect(busy.headers['retry-after']).toBeDefined();
    expect(contended.failed()).toBe(true);
    // Released, not left locked for the next 90 s.
    expect(
      await ctx.db
        .selectFrom('idempotency_keys')
        .select(['locked_until', 'response_status'])
        .where('key', '=', key)
        .executeTakeFirstOrThrow(),
    ).toEqual({ locked_until: null, response_status: null });

    await expectRetryFinishesOneOrder(key, body, 457);
  });

  it('when the database fails as the diner opens an order, then it answers 503, not 404', async () => {
    const order = await placeOrder(ctx);
    // The restaurant lookup, the view's first statement, meets a serialization failure once.
    const contended = contendedOnce(ctx.db, 'slug');
    const res = await request(appWith(ctx, { db: contended.db }))
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', order.token);
    expect(contended.failed()).toBe(true);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('when a request outlives its lease and another takes its key over and finishes, then the first replays that answer and no second order exists', async () => {
    const key = newKey();
    const body = pickupOrder(menu, { tip: 458 });
    await abandonedOrderKey(ctx, key, body);
    // A resumes the key, then stalls past its own lease; meanwhile B takes the key over and finishes.
    let other: request.Response | undefined;
    const claims = new Set<unknown>();
    const stalled = ctx.db.withPlugin({
      transformQuery({ node, queryId }) {
        // The update that takes an expired key over (sets its lease, returns its recovery point).
        const text = JSON.stringify(node);
        if (
          node.kind === 'UpdateQueryNode' &&
          text.includes('"returning"') &&
          text.includes('"recovery_point"')
        )
          claims.add(queryId);
        return node;
      },
      async transformResult({ queryId, result }) {
        if (!other && claims.has(queryId)) {
          await ctx.db
            .updateTable('idempotency_keys')
            .set({ locked_until: new Date(Date.now() - 1_000) })
            .where('key', '=', key)
            .execute();
          other = await request(ctx.app)
            .post('/api/clients/demo/orders')
            .set('Idempotency-Key', key)
            .send(body);
        }
        return result;
      },
    });
    const first = await request(appWith(ctx, { db: stalled }))
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(other?.status).toBe(201);
    expect(first.text).toBe(other?.text);
    await expectRetryFinishesOneOrder(key, body, 458);
  });
});

describe('GET /api/clients/:slug/orders/:orderId (diner)', () => {
  let order: PlacedOrder;
  beforeAll(async () => {
    order = await placeOrder(ctx);
  });

  it('when the order token is given, then the diner sees the order without the phone number', async () => {
    const res = await request(ctx.app)
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(200);
    expect(res.body).toMatchObject({
      order_id: order.orderId,
      status: 'pending_payment',
      customer: { first_name: 'Ada', email: 'ada@example.com' },
      final: false,
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('+1 212 555 0100');
    // Their own delivery address is theirs to see (null here, a pickup order); the phone is not shown.
    expect(text).not.toMatch(/"(phone|customer_phone)":/);
    expect(Object.keys(res.body.customer).sort()).toEqual(['email', 'first_name']);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'ot_wrong'],
  ])('when %s is given, then it answers 404 without details', async (_name, token) => {
    const req = request(ctx.app).get(`/api/clients/demo/orders/${order.orderId}`);
    if (token) req.set('X-Order-Token', token);
    const res = await req.expect(404);
    expect(JSON.stringify(res.body)).not.toMatch(/Ada|example\.com|pending/);
  });

  it('when the slug is another restaurant, then it answers 404', async () => {
    await ctx.db
      .insertInto('restaurants')
      .values({ slug: 'other', name: 'Other', currency: 'usd', tax_rate_ppm: 0 })
      .execute();
    await request(ctx.app)
      .get(`/api/clients/other/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(404);
    await request(ctx.app)
      .get(`/api/clients/nowhere/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(404);
    await request(ctx.app)
      .get('/api/clients/demo/orders/not-a-uuid')
      .set('X-Order-Token', order.token)
      .expect(404);
  });

  it('when the PaymentIntent is confirmed server-side with pm_card_visa, then the view shows confirmed before any webhook', async () => {
    await sdk(ctx).paymentIntents.confirm(order.intentId, {
      payment_method: 'pm_card_visa',
    });
    expect(await ctx.db.selectFrom('webhook_events').select('id').execute()).toEqual([]);
    const res = await request(ctx.app)
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(200);
    expect(res.body).toMatchObject({ status: 'confirmed', payment_status: 'succeeded', final: false });
    expect(res.body.confirmed_at).not.toBeNull();
  });

  it('when the paid intent does not match the order (amount), then the view does not confirm it and the error log says so', async () => {
    const mismatched = await placeMismatchedPaidOrder(ctx);
    const log = errorLog(ctx);
    const res = await request(appWith(ctx, { logger: log.logger }))
      .get(`/api/clients/demo/orders/${mismatched.orderId}`)
      .set('X-Order-Token', mismatched.token)
      .expect(200);
    expect(res.body.status).toBe('needs_review');
    expect(log.lines).toEqual([
      expect.objectContaining({
        orderId: mismatched.orderId,
        paymentIntentId: mismatched.intentId,
        reason: expect.stringContaining('amount'),
      }),
    ]);
  });

  it('when Stripe no longer knows the PaymentIntent (an emulator restart), then the diner still sees the stored order', async () => {
    const fresh = await placeOrder(ctx);
    ctx.emulator.control.reset();
    const res = await request(ctx.app)
      .get(`/api/clients/demo/orders/${fresh.orderId}`)
      .set('X-Order-Token', fresh.token)
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'pending_payment',
      payment_status: 'requires_payment',
      final: false,
    });
  });
});
