import type { OperatorOrderView } from '@repo/contracts';
import type { Express } from 'express';
import request from 'supertest';
import { fetchMenu, newKey, pickupOrder, rewriteOrder } from '../../test/fixtures.ts';
import {
  appWith,
  contendedOnce,
  createTestContext,
  errorLog,
  hookedOnce,
  type TestContext,
} from '../../test/harness.ts';
import { operatorApi, operatorKey, paidOrder, refundRows, timeline } from '../../test/operators.ts';
import {
  deliver,
  jobsFor,
  orderRow,
  placeMismatchedPaidOrder,
  placeOrder,
  placeOrderWithMissingIntent,
  sdk,
  stripeEvent,
  succeeded,
} from '../../test/webhooks.ts';
import { type PaymentGateway, PaymentIntentMissingError } from '../payments/payment-gateway.ts';

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

const reason = 'Out of dough';

/**
 * A cancel whose finishing write meets contention once (as a serialization failure would): 503, the
 * order still held. Answers the Idempotency-Key, for the retry.
 */
async function cancelContendedOnce(orderId: string): Promise<string> {
  const contended = contendedOnce(ctx.db, 'cancelled_at');
  const idempotencyKey = newKey();
  const busy = await operatorApi({ ...ctx, app: appWith(ctx, { db: contended.db }) }, key).cancel(
    orderId,
    { reason },
    idempotencyKey,
  );
  expect(busy.status).toBe(503);
  expect(contended.failed()).toBe(true);
  return idempotencyKey;
}

/** Settles the emulator's refunds (pm_card_refundFail: they fail) and delivers each failure. */
async function failRefundsAtStripe(intentId: string, app?: Express): Promise<void> {
  await ctx.emulator.control.settleRefunds();
  for (const refund of (await sdk(ctx).refunds.list({ payment_intent: intentId })).data) {
    if (refund.status === 'failed')
      await deliver(ctx, stripeEvent('refund.updated', refund), app ? { app } : {}).expect(200);
  }
}

describe('POST /api/clients/:slug/orders/:orderId/cancel', () => {
  it('when the order is unpaid, then its PaymentIntent is canceled and the order ends cancelled', async () => {
    const order = await placeOrder(ctx);
    const res = await api.cancel(order.orderId, { reason }).expect(200);
    expect(res.body as OperatorOrderView).toMatchObject({
      status: 'cancelled',
      payment_status: 'canceled',
      cancel_reason: reason,
      refunds: [],
    });
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({ status: 'cancelled', payment_status: 'canceled', cancel_reason: reason });
    expect(row.cancelled_at).toBeInstanceOf(Date);
    expect((await sdk(ctx).paymentIntents.retrieve(order.intentId)).status).toBe('canceled');
    expect(await timeline(ctx, order.orderId)).toEqual([
      { type: 'created', actor_type: 'diner', actor_id: null },
      { type: 'cancel_requested', actor_type: 'operator', actor_id: prefix },
      { type: 'payment_canceled', actor_type: 'operator', actor_id: prefix },
    ]);
  });

  it("when Stripe does not know the order's PaymentIntent, then the order ends cancelled and its timeline says why", async () => {
    const order = await placeOrderWithMissingIntent(ctx);
    const missing = order.missingIntentId;
    const res = await api.cancel(order.orderId, { reason }).expect(200);
    expect(res.body as OperatorOrderView).toMatchObject({ status: 'cancelled', cancel_reason: reason });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_intent_id: missing,
    });
    expect(await timeline(ctx, order.orderId)).toEqual([
      { type: 'created', actor_type: 'diner', actor_id: null },
      { type: 'cancel_requested', actor_type: 'operator', actor_id: prefix },
      { type: 'payment_intent_missing', actor_type: 'operator', actor_id: prefix },
      { type: 'cancelled', actor_type: 'operator', actor_id: prefix },
    ]);

    // Stripe did know it after all (the key was another account's): money taken for the cancelled
    // order is flagged for a person to refund, not ignored.
    await deliver(ctx, await succeeded(ctx, order, { id: missing })).expect(200);
    const flagged = await orderRow(ctx, order.orderId);
    expect(flagged).toMatchObject({
      status: 'cancelled',
      payment_status: 'canceled',
      amount_received: order.total,
    });
    expect(flagged.review_reason).toContain(missing);
    expect((await timeline(ctx, order.orderId)).at(-1)).toMatchObject({ type: 'payment_mismatch' });
    expect(await jobsFor(ctx, order.orderId)).toEqual([]);

    // A person refunds it in the Dashboard: the imported refund matches the amount received.
    const refund = stripeEvent('refund.created', {
      id: `re_dashboard_${order.orderId.slice(0, 8)}`,
      object: 'refund',
      payment_intent: missing,
      amount: order.total,
      currency: 'usd',
      status: 'succeeded',
      reason: 'requested_by_customer',
      metadata: {},
    });
    await deliver(ctx, refund).expect(200);
    const refunded = await orderRow(ctx, order.orderId);
    expect(refunded).toMatchObject({ status: 'cancelled', amount_refunded: order.total });
    expect(refunded.review_reason).toBe(flagged.review_reason);
    expect((await timeline(ctx, order.orderId)).map((e) => e.type)).not.toContain('refund_mismatch');
  });

  it('when the order is paid while Stripe says its PaymentIntent is missing, then it is not cancelled without a refund', async () => {
    const order = await placeOrderWithMissingIntent(ctx);
    const payments: PaymentGateway = {
      ...ctx.payments,
      async cancelPaymentIntent(id) {
        // The right account's webhook confirms the order while this key's Stripe knows no such intent.
        await deliver(ctx, await succeeded(ctx, order, { id: order.missingIntentId })).expect(200);
        throw new PaymentIntentMissingError(id);
      },
    };
    const res = await operatorApi({ ...ctx, app: appWith(ctx, { payments }) }, key).cancel(order.orderId, {
      reason,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      cancel_reason: null,
    });
  });

  it('when the order is paid just after its missing PaymentIntent was noted, then a second round goes to refund it, not cancel it with the money', async () => {
    const order = await placeOrderWithMissingIntent(ctx);
    // The right account's webhook is applied after the note, before the cancellation ends: right
    // after the cancellation's look for unsent refunds, which comes between the two.
    let noted = false;
    const { db, ran: paid } = hookedOnce(
      ctx.db,
      (tree) => {
        if (tree.includes('payment_intent_missing')) noted = true;
        return noted && tree.includes('"refunds"') && tree.includes('"stripe_refund_id"');
      },
      async () => {
        await deliver(ctx, await succeeded(ctx, order, { id: order.missingIntentId })).expect(200);
      },
    );
    const res = await operatorApi({ ...ctx, app: appWith(ctx, { db }) }, key).cancel(order.orderId, {
      reason,
    });
    expect(paid()).toBe(true);
    // This key's Stripe does not know the intent, so it refuses the refund too: the order stays paid.
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('/problems/payment-intent-missing');
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      cancel_reason: null,
    });
    expect((await refundRows(ctx, order.orderId)).map((r) => [r.amount, r.status])).toEqual([
      [order.total, 'failed'],
    ]);
  });

  it('when the refund fails while the order is being cancelled, then a second refund covers the payment and the order ends cancelled', async () => {
    // pm_card_refundFail: Stripe fails every refund on this charge after first reporting success.
    const order = await paidOrder(ctx, 'pm_card_refundFail');
    // The first refund fails after it was sent, before the cancellation ends: at the cancellation's
    // look for unsent refunds, which comes between the two.
    const { db, ran: failed } = hookedOnce(
      ctx.db,
      (tree) =>
        tree.includes('"refunds"') && tree.includes('"stripe_refund_id"') && tree.includes('"pending"'),
      () => failRefundsAtStripe(order.intentId),
    );
    await operatorApi({ ...ctx, app: appWith(ctx, { db }) }, key)
      .cancel(order.orderId, { reason })
      .expect(200);
    expect(failed()).toBe(true);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'cancelled', review_reason: null });
    expect((await refundRows(ctx, order.orderId)).map((r) => r.status).sort()).toEqual([
      'failed',
      'succeeded',
    ]);

    // The second refund fails too, after the order was cancelled: the money back on it is flagged,
    // and the error log (what alerts read) says so.
    const log = errorLog(ctx);
    await failRefundsAtStripe(order.intentId, appWith(ctx, { logger: log.logger }));
    const flagged = await orderRow(ctx, order.orderId);
    expect(flagged).toMatchObject({ status: 'cancelled', payment_status: 'succeeded', amount_refunded: 0 });
    expect(flagged.review_reason).toContain(`${order.total}`);
    expect(log.lines).toEqual([
      expect.objectContaining({ orderId: order.orderId, reason: flagged.review_reason }),
    ]);
    expect((await timeline(ctx, order.orderId)).map((e) => e.type)).toContain('refund_failed_after_cancel');

    // A person refunds part of it: the flag now names what is left, and that is no news for the alerts.
    const quiet = errorLog(ctx);
    await operatorApi({ ...ctx, app: appWith(ctx, { logger: quiet.logger }) }, key)
      .refund(order.orderId, { amount: 500, reason: 'requested_by_customer' })
      .expect(201);
    expect((await orderRow(ctx, order.orderId)).review_reason).toContain(`${order.total - 500} usd`);
    expect(quiet.lines).toEqual([]);

    // Then the rest: once refunds cover the payment, the flag is cleared, on the timeline.
    const again = await api.refund(order.orderId, { reason: 'requested_by_customer' }).expect(201);
    expect(again.body).toMatchObject({ amount: order.total - 500, status: 'succeeded' });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'refunded',
      review_reason: null,
    });
    const types = (await timeline(ctx, order.orderId)).map((e) => e.type);
    expect(types.slice(types.lastIndexOf('refund_failed_after_cancel'))).toContain(
      'refund_covered_after_cancel',
    );
  });

  it('when the intent the cancel finds paid does not match the order, then the flag reaches the error log', async () => {
    const order = await placeMismatchedPaidOrder(ctx);
    const log = errorLog(ctx);
    await operatorApi({ ...ctx, app: appWith(ctx, { logger: log.logger }) }, key).cancel(order.orderId, {
      reason,
    });
    const row = await orderRow(ctx, order.orderId);
    expect(row.review_reason).toContain('amount');
    expect(log.lines).toContainEqual(
      expect.objectContaining({ orderId: order.orderId, reason: row.review_reason }),
    );
  });

  it('when the database is contended after the missing PaymentIntent was noted, then the retry notes it once', async () => {
    const order = await placeOrderWithMissingIntent(ctx);
    const idempotencyKey = await cancelContendedOnce(order.orderId);
    await api.cancel(order.orderId, { reason }, idempotencyKey).expect(200);
    const notes = (await timeline(ctx, order.orderId)).filter((e) => e.type === 'payment_intent_missing');
    expect(notes).toHaveLength(1);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'cancelled' });
  });

  it("when the order's payment is in the other mode, then the cancel is refused before anything is written or sent", async () => {
    const unpaid = await placeOrder(ctx);
    const paid = await paidOrder(ctx);
    for (const order of [unpaid, paid]) {
      await rewriteOrder(ctx, order.orderId, { livemode: true });
      const before = await timeline(ctx, order.orderId);
      const res = await api.cancel(order.orderId, { reason }).expect(409);
      expect(res.body.type).toBe('/problems/payment-other-mode');
      expect((await orderRow(ctx, order.orderId)).cancel_reason).toBeNull();
      expect(await timeline(ctx, order.orderId)).toEqual(before);
    }
    expect((await sdk(ctx).paymentIntents.retrieve(unpaid.intentId)).status).toBe('requires_payment_method');
    expect(await refundRows(ctx, paid.orderId)).toEqual([]);
    expect((await sdk(ctx).refunds.list({ payment_intent: paid.intentId })).data).toEqual([]);
  });

  it('when a refunded order is in the other mode, then it is cancelled all the same: nothing goes to Stripe', async () => {
    const order = await paidOrder(ctx);
    await api.refund(order.orderId, { reason: 'requested_by_customer' }).expect(201);
    await rewriteOrder(ctx, order.orderId, { livemode: true });
    await api.cancel(order.orderId, { reason }).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'refunded',
    });
    // Only the refund made before the cancel reached Stripe.
    expect((await sdk(ctx).refunds.list({ payment_intent: order.intentId })).data).toHaveLength(1);
  });

  it('when an order in the other mode has a refund an outage left unsent, then the cancel is refused: sending it needs Stripe', async () => {
    const order = await paidOrder(ctx);
    ctx.emulator.control.failRequests({ status: 503, count: 3 });
    await api.refund(order.orderId, { reason: 'requested_by_customer' }).expect(503);
    await rewriteOrder(ctx, order.orderId, { livemode: true });
    const res = await api.cancel(order.orderId, { reason }).expect(409);
    expect(res.body.type).toBe('/problems/payment-other-mode');
    expect((await refundRows(ctx, order.orderId)).map((r) => [r.status, r.stripe_refund_id])).toEqual([
      ['pending', null],
    ]);
    expect((await sdk(ctx).refunds.list({ payment_intent: order.intentId })).data).toEqual([]);
  });

  it('when the order is cancelled while its PaymentIntent is being opened, then the diner gets 409 and that PaymentIntent is canceled', async () => {
    const menu = await fetchMenu(ctx);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let placed = (_orderId: string) => {};
    const orderPlaced = new Promise<string>((resolve) => {
      placed = resolve;
    });
    const opened: string[] = [];
    const payments: PaymentGateway = {
      ...ctx.payments,
      async createPaymentIntent(input) {
        placed(input.orderId);
        await held;
        const intent = await ctx.payments.createPaymentIntent(input);
        opened.push(intent.id);
        return intent;
      },
    };
    const diner = request(appWith(ctx, { payments }));
    const key = newKey();
    const placing = diner
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(pickupOrder(menu))
      .then((res) => res);
    const orderId = await orderPlaced;
    await api.cancel(orderId, { reason }).expect(200);
    release();

    const res = await placing;
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('/problems/order-not-payable');
    expect(res.text).not.toContain('client_secret');
    expect(opened).toHaveLength(1);
    expect(await sdk(ctx).paymentIntents.retrieve(opened[0]!)).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'requested_by_customer',
    });
    expect(await orderRow(ctx, orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'canceled',
      payment_intent_id: opened[0],
      cancel_reason: reason,
    });

    const retry = await diner
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(pickupOrder(menu));
    expect(retry.status).toBe(409);
    expect(retry.body.type).toBe('/problems/order-not-payable');
  });

  it('when the database is contended after the refund was sent, then 503 keeps the order held and the retry finishes the cancellation', async () => {
    const order = await paidOrder(ctx);
    const idempotencyKey = await cancelContendedOnce(order.orderId);
    // Refunded but not yet cancelled: still held, so the kitchen is not sent a refunded order.
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'refunded',
      cancel_reason: reason,
    });
    expect(await jobsFor(ctx, order.orderId)).toContainEqual({
      kind: 'pos_handoff',
      ref: '',
      status: 'pending',
    });

    await api.cancel(order.orderId, { reason }, idempotencyKey).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'refunded',
      cancel_reason: reason,
    });
    expect((await refundRows(ctx, order.orderId)).map((r) => [r.amount, r.status])).toEqual([
      [order.total, 'succeeded'],
    ]);
    const stripeRefunds = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(stripeRefunds.data.map((r) => r.amount)).toEqual([order.total]);
  });

  it('when the order is paid, then the whole amount is refunded through the ledger and the order ends cancelled', async () => {
    const order = await paidOrder(ctx);
    const res = await api.cancel(order.orderId, { reason }).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    const rows = await refundRows(ctx, order.orderId);
    expect(rows.map((r) => [r.amount, r.status, r.actor_type, r.actor_id])).toEqual([
      [order.total, 'succeeded', 'operator', prefix],
    ]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      amount_refunded: order.total,
      cancel_reason: reason,
    });
    const types = (await timeline(ctx, order.orderId)).map((e) => e.type);
    expect(types.slice(-4)).toEqual([
      'cancel_requested',
      'refund_requested',
      'refund_succeeded',
      'cancelled',
    ]);
  });

  it('when a partly refunded order is cancelled, then only the remaining amount is refunded', async () => {
    const order = await paidOrder(ctx);
    await api.refund(order.orderId, { amount: 700, reason: 'requested_by_customer' }).expect(201);
    await api.cancel(order.orderId, { reason }).expect(200);
    const rows = await refundRows(ctx, order.orderId);
    expect(rows.map((r) => r.amount)).toEqual([700, order.total - 700]);
    const atStripe = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(atStripe.data.reduce((sum, r) => sum + r.amount, 0)).toBe(order.total);
  });

  it('when the payment succeeded while cancelling, then the order is confirmed, refunded in full and cancelled', async () => {
    const order = await placeOrder(ctx);
    // Paid at Stripe, but no webhook or re-sync has told the API yet.
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'pending_payment' });
    const res = await api.cancel(order.orderId, { reason }).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      amount_received: order.total,
      amount_refunded: order.total,
    });
    expect((await sdk(ctx).paymentIntents.retrieve(order.intentId)).status).toBe('succeeded');
    const atStripe = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(atStripe.data.map((r) => r.amount)).toEqual([order.total]);
    const types = (await timeline(ctx, order.orderId)).map((e) => e.type);
    expect(types).toEqual([
      'created',
      'cancel_requested',
      'payment_succeeded',
      'refund_requested',
      'refund_succeeded',
      'cancelled',
    ]);
  });

  it('when cancel is replayed with its key, then the same answer returns; with a new key, then 200 and nothing changes', async () => {
    const order = await paidOrder(ctx);
    const key = newKey();
    const first = await api.cancel(order.orderId, { reason }, key).expect(200);
    const replay = await api.cancel(order.orderId, { reason }, key).expect(200);
    expect(replay.text).toBe(first.text);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const eventsBefore = await timeline(ctx, order.orderId);
    const again = await api.cancel(order.orderId, { reason: 'again' }).expect(200);
    expect(again.body).toMatchObject({ status: 'cancelled', cancel_reason: reason });
    expect(await timeline(ctx, order.orderId)).toEqual(eventsBefore);
    expect(await refundRows(ctx, order.orderId)).toHaveLength(1);
    expect((await sdk(ctx).refunds.list({ payment_intent: order.intentId })).data).toHaveLength(1);
  });

  it('when Stripe is down while refunding, then 503 keeps the pending row and the retry reuses it', async () => {
    const order = await paidOrder(ctx);
    const key = newKey();
    ctx.emulator.control.failRequests({ status: 503, count: 3 });
    await api.cancel(order.orderId, { reason }, key).expect(503);
    const pending = await refundRows(ctx, order.orderId);
    expect(pending.map((r) => r.status)).toEqual(['pending']);
    expect((await orderRow(ctx, order.orderId)).status).toBe('confirmed');
    const retry = await api.cancel(order.orderId, { reason }, key).expect(200);
    expect(retry.body).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    expect((await refundRows(ctx, order.orderId)).map((r) => [r.id, r.status])).toEqual([
      [pending[0]!.id, 'succeeded'],
    ]);
  });

  it('when a refund was left unsent by an outage and the operator cancels with a new key, then it reaches Stripe', async () => {
    const order = await paidOrder(ctx);
    ctx.emulator.control.failRequests({ status: 503, count: 3 });
    await api.refund(order.orderId, { reason: 'requested_by_customer' }).expect(503);
    expect((await refundRows(ctx, order.orderId)).map((r) => [r.status, r.stripe_refund_id])).toEqual([
      ['pending', null],
    ]);
    const cancelled = await api.cancel(order.orderId, { reason }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    const [row] = await refundRows(ctx, order.orderId);
    expect(row).toMatchObject({ status: 'succeeded', amount: order.total });
    expect(row?.stripe_refund_id).toMatch(/^re_/);
  });

  it('when Stripe refuses the refund for good, then the cancellation is abandoned and the order stays confirmed', async () => {
    const order = await paidOrder(ctx);
    // Partly refunded directly at Stripe, and no webhook told us: our refund of the whole is then
    // refused as too large. (Refunded in full, Stripe's charge_already_refunded means the money is
    // back: see the refunds suite.)
    await sdk(ctx).refunds.create({ payment_intent: order.intentId, amount: 500 });
    const res = await api.cancel(order.orderId, { reason });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({ status: 'confirmed', cancel_reason: null });
    expect((await timeline(ctx, order.orderId)).map((e) => e.type)).toContain('cancel_abandoned');
  });

  it('when the body is bad or the order completed, then it is refused and the order is unchanged', async () => {
    const order = await paidOrder(ctx);
    await api.cancel(order.orderId, { reason, status: 'cancelled' }).expect(400);
    await api.cancel(order.orderId, {}).expect(422);
    await rewriteOrder(ctx, order.orderId, { status: 'completed' });
    const res = await api.cancel(order.orderId, { reason }).expect(409);
    expect(res.body.type).toBe('/problems/order-not-cancellable');
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'completed', cancel_reason: null });
    expect(await refundRows(ctx, order.orderId)).toEqual([]);
  });
});
