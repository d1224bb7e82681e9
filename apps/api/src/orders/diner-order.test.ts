import type { CreateOrderResponse, DinerOrderView, Menu } from '@repo/contracts';
import request from 'supertest';
import { ageOrder, fetchMenu, newKey, pickupOrder } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey, paidOrder } from '../../test/operators.ts';
import { placeOrder, sdk } from '../../test/webhooks.ts';

let ctx: TestContext;
let menu: Menu;
beforeAll(async () => {
  ctx = await createTestContext();
  menu = await fetchMenu(ctx);
});
afterAll(() => ctx.close());

const view = (orderId: string, token: string) =>
  request(ctx.app).get(`/api/clients/demo/orders/${orderId}`).set('X-Order-Token', token);

describe('GET /api/clients/:slug/orders/:orderId (the diner with the order token)', () => {
  it('when the order is a delivery, then the view has its address and arrives after the delivery time', async () => {
    expect(menu.delivery.minutes).toBe(25);
    expect(menu.restaurant.country).toBe('US');
    const address = {
      line1: '1 Main St',
      line2: 'Apt 4',
      city: 'New York',
      region: 'NY',
      postal_code: '10001',
      instructions: 'Ring twice',
    };
    const created = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', newKey())
      .send(pickupOrder(menu, { order_type: 'delivery', delivery_address: address }))
      .expect(201);
    const order = created.body as CreateOrderResponse;
    const body = (await view(order.order_id, order.order_token).expect(200)).body as DinerOrderView;
    expect(body.delivery_address).toEqual(address);
    const ready = Date.parse(body.estimated_ready_at ?? '');
    expect(Date.parse(body.estimated_delivery_at ?? '')).toBe(ready + 25 * 60_000);
  });

  it('when the order is a pickup, then it has no address and no delivery estimate', async () => {
    const order = await paidOrder(ctx);
    const body = (await view(order.orderId, order.token).expect(200)).body as DinerOrderView;
    expect(body).toMatchObject({ delivery_address: null, estimated_delivery_at: null });
    expect(body).toMatchObject({ refunds: [], amount_refunded: 0, amount_charged: order.total });
  });

  it('when the restaurant refunded part and then the rest, then the view lists both and what is refunded', async () => {
    const order = await paidOrder(ctx);
    const api = operatorApi(ctx, await operatorKey(ctx, 'demo', 'diner-view'));
    await api.refund(order.orderId, { amount: 695, reason: 'requested_by_customer' }).expect(201);
    await api.refund(order.orderId, { reason: 'requested_by_customer' }).expect(201);
    const body = (await view(order.orderId, order.token).expect(200)).body as DinerOrderView;
    expect(body.refunds.map((refund) => [refund.amount, refund.status])).toEqual([
      [695, 'succeeded'],
      [order.total - 695, 'succeeded'],
    ]);
    expect(body).toMatchObject({ amount_refunded: order.total, amount_charged: order.total });
  });

  it('when the card is declined for insufficient funds, then the view names the decline code for the diner’s words', async () => {
    const order = await placeOrder(ctx);
    await expect(
      sdk(ctx).paymentIntents.confirm(order.intentId, {
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
      }),
    ).rejects.toThrow();
    const body = (await view(order.orderId, order.token).expect(200)).body as DinerOrderView;
    expect(body).toMatchObject({ payment_status: 'failed', payment_error_code: 'insufficient_funds' });
  });

  it.each([
    [29, 200],
    [31, 410],
  ])('when the order is %i days old, then its link answers %i', async (days, status) => {
    const order = await paidOrder(ctx);
    await ageOrder(ctx, order.orderId, days);
    const res = await view(order.orderId, order.token).expect(status);
    if (status === 410) {
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/problems/order-link-expired', status: 410 });
    }
  });

  it('when an old order is asked for with a wrong token, then it is not found, not expired', async () => {
    const order = await paidOrder(ctx);
    await ageOrder(ctx, order.orderId, 40);
    const res = await view(order.orderId, 'ot_wrong').expect(404);
    expect(res.body.type).toBe('/problems/not-found');
  });
});
