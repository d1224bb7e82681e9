import { insertUnreachableOrders, rewriteOrder } from '../../test/fixtures.ts';
import { createTestContext, errorLog, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey } from '../../test/operators.ts';
import { jobsFor, orderRow, placeOrder, placeOrderWithMissingIntent, sdk } from '../../test/webhooks.ts';
import { createLogger } from '../platform/logger.ts';
import { runReconciler } from './reconciler.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    env: { RECONCILE_PENDING_AFTER_MINUTES: '15', ABANDONED_ORDER_TTL_MINUTES: '120' },
  });
  await ctx.listen();
});
afterAll(() => ctx.close());
afterEach(() => ctx.emulator.control.hold(false));

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const reconcile = (now: Date, logger = createLogger(ctx.config)) =>
  runReconciler({ db: ctx.db, payments: ctx.payments, logger, config: ctx.config }, now);
const eventsOf = (orderId: string) =>
  ctx.db
    .selectFrom('order_events')
    .select(['type', 'actor_type', 'actor_id'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();

/** A paid order and the operator API, with Stripe failing its next three calls (an outage). */
async function paidOrderInOutage() {
  const order = await placeOrder(ctx);
  await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
  await ctx.emulator.control.waitForIdle();
  const api = operatorApi(ctx, await operatorKey(ctx));
  ctx.emulator.control.failRequests({ status: 503, count: 3 });
  return { order, api };
}

describe('reconciler', () => {
  it('when the success webhook was lost, then an old pending order is confirmed from Stripe with its jobs', async () => {
    ctx.emulator.control.hold(true);
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    ctx.emulator.control.drop();
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'pending_payment' });

    const early = await reconcile(minutesFromNow(5));
    expect(early.changed).toEqual([]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'pending_payment' });

    const report = await reconcile(minutesFromNow(16));
    expect(report.changed).toContainEqual({ orderId: order.orderId, change: 'payment_succeeded' });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      amount_received: order.total,
    });
    expect(await jobsFor(ctx, order.orderId)).toEqual([
      { kind: 'confirmation_email', ref: '', status: 'pending' },
      { kind: 'pos_handoff', ref: '', status: 'pending' },
    ]);
    expect(await eventsOf(order.orderId)).toContainEqual({
      type: 'payment_succeeded',
      actor_type: 'system',
      actor_id: 'reconciler',
    });

    const again = await reconcile(minutesFromNow(30));
    expect(again.changed.map((c) => c.orderId)).not.toContain(order.orderId);
  });

  it('when an unpaid order passes the TTL, then its PaymentIntent is canceled and the order cancelled without jobs', async () => {
    const order = await placeOrder(ctx);
    const report = await reconcile(minutesFromNow(121));
    expect(report.canceled).toBeGreaterThanOrEqual(1);
    const intent = await sdk(ctx).paymentIntents.retrieve(order.intentId);
    expect(intent).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await ctx.emulator.control.waitForIdle();
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({ status: 'cancelled', payment_status: 'canceled' });
    expect(row.cancel_reason).toBe('abandoned: not paid in time');
    // Applied once, by the reconciler's answer or by the webhook, whichever came first.
    expect((await eventsOf(order.orderId)).filter((e) => e.type === 'payment_canceled')).toHaveLength(1);
    expect(await jobsFor(ctx, order.orderId)).toEqual([]);
  });

  it('when more stale orders than one pass checks cannot be re-read, then later passes still reach the newer ones', async () => {
    // 200 pending orders older than any other, whose PaymentIntents Stripe no longer knows (test
    // data deleted, or a key from another account): each pass fails to re-read them.
    await insertUnreachableOrders(ctx, 200);
    try {
      const order = await placeOrder(ctx);
      const first = await reconcile(minutesFromNow(121));
      const second = await reconcile(minutesFromNow(122));
      expect(first.errors + second.errors).toBeGreaterThanOrEqual(200);
      expect(await orderRow(ctx, order.orderId)).toMatchObject({
        status: 'cancelled',
        payment_status: 'canceled',
        cancel_reason: 'abandoned: not paid in time',
      });
    } finally {
      await ctx.db.deleteFrom('orders').where('payment_intent_id', 'like', 'pi_gone_%').execute();
    }
  });

  it("when Stripe has not known an order's PaymentIntent for a day, then the order goes to needs_review instead of an error every pass", async () => {
    const order = await placeOrderWithMissingIntent(ctx);
    // The day is counted from the first pass that found the intent missing, not from the order.
    const firstMiss = minutesFromNow(16);
    const first = await reconcile(firstMiss);
    expect(first.errors).toBeGreaterThanOrEqual(1);
    expect((await orderRow(ctx, order.orderId)).payment_intent_missing_since).toEqual(firstMiss);
    const early = await reconcile(new Date(firstMiss.getTime() + (24 * 60 - 1) * 60_000));
    expect(early.changed.map((c) => c.orderId)).not.toContain(order.orderId);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'pending_payment',
      review_reason: null,
    });

    const log = errorLog(ctx);
    const report = await reconcile(new Date(firstMiss.getTime() + 24 * 60 * 60_000), log.logger);
    expect(report.changed).toContainEqual({ orderId: order.orderId, change: 'needs_review' });
    const flagged = await orderRow(ctx, order.orderId);
    expect(flagged).toMatchObject({ status: 'needs_review', payment_status: 'requires_payment' });
    expect(flagged.review_reason).toContain(order.missingIntentId);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        orderId: order.orderId,
        reason: flagged.review_reason,
        msg: `order flagged for review: ${flagged.review_reason}`,
      }),
    );
    expect((await eventsOf(order.orderId)).at(-1)).toEqual({
      type: 'payment_intent_missing',
      actor_type: 'system',
      actor_id: 'reconciler',
    });
    expect(await jobsFor(ctx, order.orderId)).toEqual([]);
  });

  it('when Stripe knows the intent again within the day (a wrong key fixed), then nothing is flagged and a later miss starts a new day', async () => {
    const order = await placeOrderWithMissingIntent(ctx);
    await reconcile(minutesFromNow(16));
    await rewriteOrder(ctx, order.orderId, { payment_intent_id: order.intentId });
    await reconcile(minutesFromNow(60));
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'pending_payment',
      payment_intent_missing_since: null,
    });

    await rewriteOrder(ctx, order.orderId, { payment_intent_id: order.missingIntentId });
    const secondMiss = minutesFromNow(25 * 60);
    const later = await reconcile(secondMiss);
    expect(later.changed.map((c) => c.orderId)).not.toContain(order.orderId);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'pending_payment',
      payment_intent_missing_since: secondMiss,
    });
  });

  it('when a pending order was made in the other mode (live under a test key), then the reconciler leaves it alone', async () => {
    const order = await placeOrder(ctx);
    await rewriteOrder(ctx, order.orderId, { livemode: true });
    await reconcile(minutesFromNow(25 * 60));
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'pending_payment',
      reconciled_at: null,
    });
    expect((await sdk(ctx).paymentIntents.retrieve(order.intentId)).status).toBe('requires_payment_method');
  });

  it('when an old order is already paid, then the reconciler neither changes nor cancels it', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await ctx.emulator.control.waitForIdle();
    const paid = await orderRow(ctx, order.orderId);
    expect(paid.status).toBe('confirmed');
    const report = await reconcile(minutesFromNow(200));
    expect(report.changed.map((c) => c.orderId)).not.toContain(order.orderId);
    expect((await sdk(ctx).paymentIntents.retrieve(order.intentId)).status).toBe('succeeded');
  });

  it('when a confirmed order has a dead job, then it is flagged on its timeline once', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await ctx.emulator.control.waitForIdle();
    await ctx.db
      .updateTable('order_jobs')
      .set({ status: 'dead', attempts: 11, last_error: 'POS answered 502' })
      .where('order_id', '=', order.orderId)
      .where('kind', '=', 'pos_handoff')
      .execute();

    expect((await reconcile(new Date())).flaggedJobs).toBe(1);
    expect((await reconcile(new Date())).flaggedJobs).toBe(0);
    const flags = (await eventsOf(order.orderId)).filter((e) => e.type === 'job_dead');
    expect(flags).toEqual([{ type: 'job_dead', actor_type: 'system', actor_id: 'jobs' }]);
  });

  it('when an outage left a refund unsent, then the reconciler sends it once', async () => {
    const { order, api } = await paidOrderInOutage();
    await api.refund(order.orderId, { amount: 500, reason: 'requested_by_customer' }).expect(503);

    expect((await reconcile(new Date())).resentRefunds).toBe(0);
    const report = await reconcile(minutesFromNow(5));
    expect(report.resentRefunds).toBe(1);
    expect((await reconcile(minutesFromNow(6))).resentRefunds).toBe(0);
    const refunds = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(refunds.data.map((r) => r.amount)).toEqual([500]);
    const rows = await ctx.db
      .selectFrom('refunds')
      .select(['status', 'stripe_refund_id'])
      .where('order_id', '=', order.orderId)
      .execute();
    expect(rows).toEqual([{ status: 'succeeded', stripe_refund_id: refunds.data[0]!.id }]);
  });

  it("when an outage interrupted a paid order's cancellation and nobody retried, then the reconciler refunds it and finishes the cancellation", async () => {
    const { order, api } = await paidOrderInOutage();
    await api.cancel(order.orderId, { reason: 'Out of dough' }).expect(503);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      cancel_reason: 'Out of dough',
    });

    const report = await reconcile(minutesFromNow(5));
    expect(report.resentRefunds).toBe(1);
    expect(report.changed).toContainEqual({ orderId: order.orderId, change: 'cancelled' });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'refunded',
      amount_refunded: order.total,
      cancel_reason: 'Out of dough',
    });
    expect((await eventsOf(order.orderId)).at(-1)).toEqual({
      type: 'cancelled',
      actor_type: 'system',
      actor_id: 'reconciler',
    });
    const refunds = await sdk(ctx).refunds.list({ payment_intent: order.intentId });
    expect(refunds.data.map((r) => r.amount)).toEqual([order.total]);
  });

  it('when a partial refund was left unsent on an order not being cancelled, then sending it cancels nothing', async () => {
    const { order, api } = await paidOrderInOutage();
    await api.refund(order.orderId, { amount: order.total, reason: 'requested_by_customer' }).expect(503);
    const report = await reconcile(minutesFromNow(5));
    expect(report.resentRefunds).toBe(1);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'refunded',
      cancel_reason: null,
    });
  });
});
