import Stripe from 'stripe';
import { createTestContext, rowCount, type TestContext, WEBHOOK_SECRET } from '../../test/harness.ts';
import {
  deliver,
  jobsFor,
  orderRow,
  type PlacedOrder,
  placeOrder,
  sdk,
  storedEvent,
  stripeEvent,
  succeeded,
} from '../../test/webhooks.ts';

let ctx: TestContext;
let pending: PlacedOrder;
let paid: PlacedOrder;
let refund: Record<string, unknown>;
let dispute: Record<string, unknown>;

beforeAll(async () => {
  ctx = await createTestContext();
  pending = await placeOrder(ctx);
  paid = await placeOrder(ctx);
  await sdk(ctx).paymentIntents.confirm(paid.intentId, { payment_method: 'pm_card_visa' });
  await deliver(ctx, await succeeded(ctx, paid)).expect(200);
  // A refund made at Stripe, not yet known to the API: a well-formed event would import it.
  refund = { ...(await sdk(ctx).refunds.create({ payment_intent: paid.intentId, amount: 500 })) };
  // The keys of Stripe's own dispute example (fixtures3.json), about our payment.
  dispute = {
    id: 'dp_test_malformed',
    object: 'dispute',
    amount: paid.total,
    charge: 'ch_test_malformed',
    created: Math.floor(Date.now() / 1000),
    currency: 'usd',
    livemode: false,
    metadata: {},
    payment_intent: paid.intentId,
    reason: 'fraudulent',
    status: 'needs_response',
  };
});
afterAll(() => ctx.close());

const without = <T extends object>(value: T, key: keyof T) => {
  const copy = { ...value };
  delete copy[key];
  return copy;
};
const refundEvent = (object = refund) => stripeEvent('refund.created', object);
const disputeEvent = (object = dispute) => stripeEvent('charge.dispute.created', object);

/** Everything a webhook could write about an order, and the inbox. */
async function footprint(order: PlacedOrder) {
  const refunds = ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', order.orderId);
  const timeline = ctx.db.selectFrom('order_events').selectAll().where('order_id', '=', order.orderId);
  return {
    order: await orderRow(ctx, order.orderId),
    refunds: await refunds.execute(),
    timeline: await timeline.execute(),
    jobs: await jobsFor(ctx, order.orderId),
    webhookEvents: await rowCount(ctx.db, 'webhook_events'),
  };
}

describe('POST /payments/webhooks/stripe malformed events', () => {
  it.each([
    ['an event with no id', 'id', async () => without(await succeeded(ctx, pending), 'id'), 'pending'],
    [
      'an event with no livemode',
      'livemode',
      async () => without(await succeeded(ctx, pending), 'livemode'),
      'pending',
    ],
    ['an event with no type', 'type', async () => without(await succeeded(ctx, pending), 'type'), 'pending'],
    [
      'an event with no created',
      'created',
      async () => without(await succeeded(ctx, pending), 'created'),
      'pending',
    ],
    [
      'an event whose data.object is not an object',
      'data.object',
      async () => ({ ...(await succeeded(ctx, pending)), data: { object: pending.intentId } }),
      'pending',
    ],
    [
      'a payment intent with a text amount received',
      'data.object.amount_received',
      () => succeeded(ctx, pending, { amount_received: String(pending.total) }),
      'pending',
    ],
    ['a dispute with a numeric type', 'type', async () => ({ ...disputeEvent(), type: 42 }), 'paid'],
    [
      'a refund with no amount',
      'data.object.amount',
      async () => refundEvent(without(refund, 'amount')),
      'paid',
    ],
    [
      'a refund with a negative amount',
      'data.object.amount',
      async () => refundEvent({ ...refund, amount: -500 }),
      'paid',
    ],
    ['a refund with no id', 'data.object.id', async () => refundEvent(without(refund, 'id')), 'paid'],
    [
      'a charge.refunded whose refund has no id',
      'data.object.refunds.data.0.id',
      async () =>
        stripeEvent('charge.refunded', {
          object: 'charge',
          payment_intent: paid.intentId,
          refunds: { object: 'list', data: [without(refund, 'id')] },
        }),
      'paid',
    ],
    [
      'a dispute with no status',
      'data.object.status',
      async () => disputeEvent(without(dispute, 'status')),
      'paid',
    ],
    [
      'a dispute with an object status',
      'data.object.status',
      async () => disputeEvent({ ...dispute, status: { a: 1 } }),
      'paid',
    ],
  ])(
    'when a signed event is %s, then it answers 400 malformed-event and writes nothing',
    async (_name, path, build, which) => {
      const order = which === 'paid' ? paid : pending;
      const event = (await build()) as { id?: unknown };
      const before = await footprint(order);
      const res = await deliver(ctx, event).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/problems/malformed-event', status: 400 });
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await footprint(order)).toEqual(before);
      if (typeof event.id === 'string') expect(await storedEvent(ctx, event.id)).toBeUndefined();
    },
  );

  it('when a signed body is not JSON, then it answers 400 malformed-event and writes nothing', async () => {
    const payload = '{"id": "evt_truncated", "type": "payment_intent.succ';
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const before = await footprint(pending);
    const res = await deliver(ctx, null, { header, rawBody: payload }).expect(400);
    expect(res.body.type).toBe('/problems/malformed-event');
    expect(await footprint(pending)).toEqual(before);
  });

  it('when the envelope is well formed but the type is not ours, then it is stored as ignored and answered 200', async () => {
    const event = stripeEvent('plan.created', { id: 'price_123', object: 'plan', amount: 'not read' });
    expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('ignored');
    expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'ignored', type: 'plan.created' });
  });

  it('when the same refund and dispute arrive well formed, then they are applied', async () => {
    expect((await deliver(ctx, refundEvent()).expect(200)).body.outcome).toBe('applied');
    expect((await deliver(ctx, disputeEvent()).expect(200)).body.outcome).toBe('applied');
    expect(await orderRow(ctx, paid.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 500,
      dispute_status: 'needs_response',
    });
  });
});
