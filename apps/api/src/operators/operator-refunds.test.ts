import type { RefundView } from '@repo/contracts';
import { newKey } from '../../test/fixtures.ts';
import { appWith, contendedOnce, createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey, paidOrder, refundRows, timeline } from '../../test/operators.ts';
import { loseIntentAtStripe, orderRow, placeOrder, sdk } from '../../test/webhooks.ts';

let ctx: TestContext;
let api: ReturnType<typeof operatorApi>;
let prefix: string;
let key: string;
beforeAll(async () => {
  ctx = await createTestContext();
  key = await operatorKey(ctx);
  prefix = key.split('_').slice(0, 2).join('_');
  api = operatorApi(ctx, key);
});
afterAll(() => ctx.close());

const reason = 'requested_by_customer';

describe('POST /api/clients/:slug/orders/:orderId/refunds', () => {
  it('when refunding part, part again, then too much, then the third is refused with 409 and nothing is written', async () => {
    const order = await paidOrder(ctx);
    const first = await api.refund(order.orderId, { amount: 500, reason, note: 'missing knots' }).expect(201);
    expect(first.body as RefundView).toMatchObject({
      amount: 500,
      status: 'succeeded',
      note: 'missing knots',
      actor: { type: 'operator', id: prefix },
    });
    expect((first.body as RefundView).stripe_refund_id).toMatch(/^re_/);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 500,
    });
    await api.refund(order.orderId, { amount: 700, reason }).expect(201);
    const over = await api.refund(order.orderId, { amount: order.total - 1199, reason }).expect(409);
    expect(over.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(over.body).toMatchObject({
      type: '/problems/refund-exceeds-refundable',
      refundable_amount: order.total - 1200,
    });
    const rows = await refundRows(ctx, order.orderId);
    expect(rows.map((r) => [r.amount, r.status])).toEqual([
      [500, 'succeeded'],
      [700, 'succeeded'],
    ]);
    const rest = await api.refund(order.orderId, { reason }).expect(201);
    expect(rest.body.amount).toBe(order.total - 1200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'refunded',
      amount_refunded: order.total,
    });
    const stripeRefunds = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(stripeRefunds.data.reduce((sum, r) => sum + r.amount, 0)).toBe(order.total);
  });

  it('when 10 partial refunds race and together exceed the payment, then the refunds that did not fail never exceed it', async () => {
    const order = await paidOrder(ctx);
    const each = Math.floor(order.total / 4);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api.refund(order.orderId, { amount: each, reason })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const rows = await refundRows(ctx, order.orderId);
    const held = rows.filter((r) => r.status !== 'failed' && r.status !== 'canceled');
    expect(held.reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(order.total);
    expect(held).toHaveLength(4);
    const atStripe = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(atStripe.data).toHaveLength(4);
    expect((await orderRow(ctx, order.orderId)).amount_refunded).toBe(4 * each);
  });

  it('when the same Idempotency-Key is replayed, then the same refund answers and Stripe refunds once', async () => {
    const order = await paidOrder(ctx);
    const key = newKey();
    const first = await api.refund(order.orderId, { amount: 300, reason }, key).expect(201);
    const again = await api.refund(order.orderId, { amount: 300, reason }, key).expect(201);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await refundRows(ctx, order.orderId)).toHaveLength(1);
    expect((await sdk(ctx).refunds.list({ payment_intent: order.intentId })).data).toHaveLength(1);
    const other = await api.refund(order.orderId, { amount: 301, reason }, key).expect(422);
    expect(other.body.type).toBe('/problems/idempotency-key-reused');
  });

  it('when an Idempotency-Key is reused for another order or to cancel, then it is refused and nothing else is refunded', async () => {
    const first = await paidOrder(ctx);
    const second = await paidOrder(ctx);
    const key = newKey();
    await api.refund(first.orderId, { amount: 300, reason }, key).expect(201);
    const elsewhere = await api.refund(second.orderId, { amount: 300, reason }, key).expect(422);
    expect(elsewhere.body.type).toBe('/problems/idempotency-key-reused');
    const cancel = await api.cancel(first.orderId, { reason }, key).expect(422);
    expect(cancel.body.type).toBe('/problems/idempotency-key-reused');
    expect(await refundRows(ctx, second.orderId)).toEqual([]);
    expect((await sdk(ctx).refunds.list({ payment_intent: second.intentId })).data).toEqual([]);
    expect(await orderRow(ctx, first.orderId)).toMatchObject({ status: 'confirmed', amount_refunded: 300 });
  });

  it('when Stripe is down, then 503 keeps the pending row, and a retry with the key reuses it and refunds once', async () => {
    const order = await paidOrder(ctx);
    const key = newKey();
    ctx.emulator.control.failRequests({ status: 503, count: 3 });
    const down = await api.refund(order.orderId, { amount: 400, reason }, key).expect(503);
    expect(down.headers['retry-after']).toBeDefined();
    const pending = await refundRows(ctx, order.orderId);
    expect(pending.map((r) => [r.amount, r.status, r.stripe_refund_id])).toEqual([[400, 'pending', null]]);
    const view = await api.get(order.orderId).expect(200);
    expect(view.body.payment.refundable_amount).toBe(order.total - 400);

    const retry = await api.refund(order.orderId, { amount: 400, reason }, key).expect(201);
    expect(retry.body).toMatchObject({ id: pending[0]!.id, status: 'succeeded' });
    expect(await refundRows(ctx, order.orderId)).toHaveLength(1);
    const atStripe = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(atStripe.data.map((r) => r.metadata?.refund_id)).toEqual([pending[0]!.id]);
  });

  it('when the body carries unknown fields, a bad reason or no key, then it is refused and nothing is written', async () => {
    const order = await paidOrder(ctx);
    const unknown = await api.refund(order.orderId, { amount: 100, reason, status: 'succeeded' }).expect(400);
    expect(unknown.body.errors).toEqual([{ path: 'status', message: 'is not an accepted field' }]);
    await api.refund(order.orderId, { amount: 100, reason, amount_received: 1 }).expect(400);
    const bad = await api.refund(order.orderId, { amount: -5, reason: 'because' }).expect(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['amount', 'reason']);
    await api.refund(order.orderId, { amount: 100, reason }, null).expect(400);
    expect(await refundRows(ctx, order.orderId)).toEqual([]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'succeeded',
      amount_refunded: 0,
    });
  });

  it('when the order is not paid, then 409 and no ledger row', async () => {
    const order = await placeOrder(ctx);
    const res = await api.refund(order.orderId, { reason }).expect(409);
    expect(res.body.type).toBe('/problems/order-not-paid');
    expect(await refundRows(ctx, order.orderId)).toEqual([]);
  });

  it("when Stripe does not know the order's PaymentIntent, then refund and cancel answer 409 payment-intent-missing and hold nothing", async () => {
    const order = await paidOrder(ctx);
    const missing = await loseIntentAtStripe(ctx, order.orderId);

    const refund = await api.refund(order.orderId, { amount: 500, reason }).expect(409);
    expect(refund.body).toMatchObject({ type: '/problems/payment-intent-missing' });
    expect(refund.body.detail).toContain(missing);
    // The refused refund holds no money: the ledger row failed.
    expect((await refundRows(ctx, order.orderId)).map((r) => r.status)).toEqual(['failed']);

    const cancel = await api.cancel(order.orderId, { reason: 'kitchen closed' }).expect(409);
    expect(cancel.body).toMatchObject({ type: '/problems/payment-intent-missing' });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      amount_refunded: 0,
      cancel_reason: null,
    });
  });

  it("when Stripe refunded the payment in full elsewhere (its webhook not here yet), then a refund answers 409 refund-already-made and the ledger records Stripe's refund", async () => {
    const order = await paidOrder(ctx);
    const elsewhere = await sdk(ctx).refunds.create({ payment_intent: order.intentId });
    const res = await api.refund(order.orderId, { amount: 500, reason }).expect(409);
    expect(res.body.type).toBe('/problems/refund-already-made');
    expect(
      (await refundRows(ctx, order.orderId)).map((r) => [r.stripe_refund_id, r.amount, r.status]),
    ).toEqual([
      [null, 500, 'canceled'],
      [elsewhere.id, order.total, 'succeeded'],
    ]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'refunded',
      amount_refunded: order.total,
      review_reason: null,
    });
    expect((await sdk(ctx).refunds.list({ payment_intent: order.intentId })).data).toHaveLength(1);
  });

  it('when Stripe refunded the payment in full elsewhere, then cancelling the order finishes: the money is back', async () => {
    const order = await paidOrder(ctx);
    await sdk(ctx).refunds.create({ payment_intent: order.intentId });
    await api.cancel(order.orderId, { reason: 'kitchen closed' }).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'refunded',
      amount_refunded: order.total,
      review_reason: null,
    });
  });

  it('when a refund is made, then the timeline names the operator key', async () => {
    const order = await paidOrder(ctx);
    await api.refund(order.orderId, { amount: 100, reason }).expect(201);
    const events = await timeline(ctx, order.orderId);
    expect(events).toEqual(
      expect.arrayContaining([
        { type: 'created', actor_type: 'diner', actor_id: null },
        { type: 'payment_succeeded', actor_type: 'diner', actor_id: null },
        { type: 'refund_requested', actor_type: 'operator', actor_id: prefix },
        { type: 'refund_succeeded', actor_type: 'operator', actor_id: prefix },
      ]),
    );
  });

  it('when the database is contended as the refund is sealed, then it answers 503 and an immediate retry finishes the same refund', async () => {
    const order = await paidOrder(ctx);
    const contended = contendedOnce(ctx.db, 'response_body');
    const app = appWith(ctx, { db: contended.db });
    const idempotencyKey = newKey();
    const busy = await operatorApi({ ...ctx, app }, key).refund(
      order.orderId,
      { amount: 300, reason },
      idempotencyKey,
    );
    expect(busy.status).toBe(503);
    expect(contended.failed()).toBe(true);

    const retry = await api.refund(order.orderId, { amount: 300, reason }, idempotencyKey).expect(201);
    expect(retry.body).toMatchObject({ amount: 300, status: 'succeeded' });
    expect((await refundRows(ctx, order.orderId)).map((r) => [r.amount, r.status])).toEqual([
      [300, 'succeeded'],
    ]);
    const stripeRefunds = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(stripeRefunds.data.map((r) => r.amount)).toEqual([300]);
  });
});
