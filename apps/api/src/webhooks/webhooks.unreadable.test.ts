import type { Express } from 'express';
import { appWith, createTestContext, errorLog, type TestContext } from '../../test/harness.ts';
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
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import { replayStoredEvents } from './webhooks.replay.ts';

let ctx: TestContext;
let app: Express;
let log: ReturnType<typeof errorLog>;
let pending: PlacedOrder;
let paid: PlacedOrder;
let refund: Record<string, unknown>;
let dispute: Record<string, unknown>;

beforeAll(async () => {
  ctx = await createTestContext();
  log = errorLog(ctx);
  app = appWith(ctx, { logger: log.logger });
  pending = await placeOrder(ctx);
  paid = await placeOrder(ctx);
  await sdk(ctx).paymentIntents.confirm(paid.intentId, { payment_method: 'pm_card_visa' });
  await deliver(ctx, await succeeded(ctx, paid)).expect(200);
  // A refund made at Stripe, not yet known to the API: a readable event would import it.
  refund = { ...(await sdk(ctx).refunds.create({ payment_intent: paid.intentId, amount: 500 })) };
  // The keys of Stripe's own dispute example (fixtures3.json), about our payment.
  dispute = {
    id: 'dp_test_unreadable',
    object: 'dispute',
    amount: paid.total,
    charge: 'ch_test_unreadable',
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
beforeEach(() => {
  log.lines.length = 0;
});

const without = <T extends object>(value: T, key: keyof T) => {
  const copy = { ...value };
  delete copy[key];
  return copy;
};
const refundEvent = (object = refund) => stripeEvent('refund.created', object);
const disputeEvent = (object = dispute) => stripeEvent('charge.dispute.created', object);

/** Everything a webhook could write about an order. */
async function footprint(order: PlacedOrder) {
  const refunds = ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', order.orderId);
  const timeline = ctx.db.selectFrom('order_events').selectAll().where('order_id', '=', order.orderId);
  return {
    order: await orderRow(ctx, order.orderId),
    refunds: await refunds.execute(),
    timeline: await timeline.execute(),
    jobs: await jobsFor(ctx, order.orderId),
  };
}

describe('POST /payments/webhooks/stripe with an event about our order that we cannot read', () => {
  it.each([
    [
      'without livemode',
      'livemode',
      async () => without(await succeeded(ctx, pending), 'livemode'),
      'pending',
    ],
    ['without created', 'created', async () => without(await succeeded(ctx, pending), 'created'), 'pending'],
    ['without a type', 'type', async () => without(await succeeded(ctx, pending), 'type'), 'pending'],
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
    'when it is %s, then it is stored as failed naming %s, logged as an error and answered 500 until it can be read',
    async (_name, path, build, which) => {
      const order = which === 'paid' ? paid : pending;
      const event = (await build()) as { id: string };
      const before = await footprint(order);

      const res = await deliver(ctx, event, { app }).expect(500);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/problems/malformed-event', status: 500 });
      expect(res.body.detail).toContain(path);
      // Stripe retries it; each retry is counted on the same stored event.
      await deliver(ctx, event, { app }).expect(500);

      expect(await storedEvent(ctx, event.id)).toMatchObject({
        outcome: 'failed',
        outcome_detail: expect.stringContaining(path),
        order_id: order.orderId,
        attempts: 2,
      });
      expect(log.lines).toContainEqual(expect.objectContaining({ level: 50, eventId: event.id }));
      expect(await footprint(order)).toEqual(before);
    },
  );

  it('when the code learns to read such an event, then webhooks:replay applies it once', async () => {
    const event = refundEvent(without(refund, 'currency'));
    await deliver(ctx, event, { app }).expect(500);
    // The next version of the code reads a refund without a currency as the payment's.
    const fixed: PaymentGateway = {
      ...ctx.payments,
      readStoredEvent: (payload, id) => {
        const stored = payload as { data: { object: Record<string, unknown> } };
        const object = { currency: 'usd', ...stored.data.object };
        return ctx.payments.readStoredEvent({ ...stored, data: { object } }, id);
      },
    };
    const replay = () =>
      replayStoredEvents({ db: ctx.db, payments: fixed, logger: log.logger }, { eventId: event.id });
    expect(await replay()).toEqual([expect.objectContaining({ id: event.id, outcome: 'applied' })]);
    expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'applied', order_id: paid.orderId });
    // Replaying it again changes nothing: the refund is in the ledger once.
    await replay();
    expect(await orderRow(ctx, paid.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 500,
    });
    const ledger = await ctx.db
      .selectFrom('refunds')
      .select('amount')
      .where('order_id', '=', paid.orderId)
      .execute();
    expect(ledger).toEqual([{ amount: 500 }]);
  });
});
