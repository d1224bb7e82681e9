import { createTestContext, type TestContext } from '../../test/harness.ts';
import { MANUAL, manualRestaurant } from '../../test/service.ts';
import {
  deliver,
  intentEvent,
  jobsFor,
  orderRow,
  type PlacedOrder,
  placeOrder,
} from '../../test/webhooks.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await manualRestaurant(ctx);
});
afterAll(() => ctx.close());

/** The events Stripe sends for a manually captured payment, built from the order's own intent. */
function events(order: PlacedOrder, captured = order.total) {
  const authorized = { status: 'requires_capture', amount_capturable: order.total, amount_received: 0 };
  return Promise.all([
    intentEvent(ctx, 'payment_intent.amount_capturable_updated', order.intentId, authorized),
    intentEvent(ctx, 'payment_intent.succeeded', order.intentId, {
      status: 'succeeded',
      amount_capturable: 0,
      amount_received: captured,
    }),
    intentEvent(ctx, 'payment_intent.canceled', order.intentId, {
      status: 'canceled',
      amount_capturable: 0,
      cancellation_reason: 'requested_by_customer',
    }),
  ]);
}

const kinds = async (orderId: string) => (await jobsFor(ctx, orderId)).map((job) => job.kind).sort();

describe('POST /payments/webhooks/stripe for a manually captured payment', () => {
  it.each([
    ['authorized, then captured', [0, 1]],
    ['captured before the authorization is heard of', [1, 0]],
    ['each twice, interleaved', [0, 1, 0, 1]],
  ])(
    'when the events arrive %s, then the order ends confirmed with its jobs once',
    async (_name, sequence) => {
      const order = await placeOrder(ctx, 300, MANUAL);
      const sent = await events(order);
      for (const index of sequence) await deliver(ctx, sent[index]).expect(200);
      expect(await orderRow(ctx, order.orderId)).toMatchObject({
        status: 'confirmed',
        payment_status: 'succeeded',
        amount_received: order.total,
      });
      expect(await kinds(order.orderId)).toEqual(['confirmation_email', 'pos_handoff']);
    },
  );

  it.each([
    ['authorized, then released', [0, 2]],
    ['released before the authorization is heard of', [2, 0]],
  ])('when the events arrive %s, then the order ends cancelled, never charged', async (_name, sequence) => {
    const order = await placeOrder(ctx, 300, MANUAL);
    const sent = await events(order);
    for (const index of sequence) await deliver(ctx, sent[index]).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'canceled',
      amount_received: 0,
    });
  });

  it('when the hold does not match the order, then the order goes to review and is not offered to the staff', async () => {
    const order = await placeOrder(ctx, 300, MANUAL);
    const [authorized] = await events(order);
    await deliver(ctx, {
      ...authorized,
      data: { object: { ...authorized!.data.object, amount_capturable: order.total - 1 } },
    }).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'needs_review',
      review_reason: `amount_capturable ${order.total - 1} differs from the ${order.total} expected`,
    });
  });
});
