import { randomBytes, randomUUID } from 'node:crypto';
import type { OperatorOrderView } from '@repo/contracts';
import type Stripe from 'stripe';
import { appWith, createTestContext, errorLog, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey, paidOrder, refundRows, timeline } from '../../test/operators.ts';
import { deliver, orderRow, sdk, storedEvent, stripeEvent } from '../../test/webhooks.ts';

let ctx: TestContext;
let api: ReturnType<typeof operatorApi>;
beforeAll(async () => {
  ctx = await createTestContext();
  api = operatorApi(ctx, await operatorKey(ctx));
  await ctx.listen();
});
afterAll(() => ctx.close());

const reason = 'requested_by_customer';
const settle = async () => {
  await ctx.emulator.control.waitForIdle();
  await ctx.emulator.control.settleRefunds();
  await ctx.emulator.control.waitForIdle();
};
/** The last event of a type Stripe emitted for a refund or charge. */
const lastEvent = (type: string, objectId?: string) => {
  const events = ctx.emulator.control
    .events()
    .filter((e) => e.type === type && (!objectId || (e.data.object as { id: string }).id === objectId));
  const event = events.at(-1);
  if (!event) throw new Error(`no ${type} event`);
  return event;
};

/** A refund we recorded as refused before Stripe answered with an id (an outage mid-call). */
const inferredRefusal = async (orderId: string, amount: number) => {
  const id = randomUUID();
  await ctx.db
    .insertInto('refunds')
    .values({
      id,
      order_id: orderId,
      amount,
      currency: 'usd',
      reason,
      status: 'failed',
      failure_reason: 'refused by Stripe',
      actor_type: 'operator',
    })
    .execute();
  return id;
};

describe('refunds settled by Stripe webhooks', () => {
  it('when a refund fails after succeeding (pm_card_refundFail), then refund.failed frees its amount again', async () => {
    const order = await paidOrder(ctx, 'pm_card_refundFail');
    const res = await api.refund(order.orderId, { amount: 1200, reason }).expect(201);
    expect(res.body.status).toBe('succeeded');
    await ctx.emulator.control.waitForIdle();
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 1200,
    });

    await settle();
    const [row] = await refundRows(ctx, order.orderId);
    expect(row).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'succeeded',
      amount_refunded: 0,
    });
    const view = (await api.get(order.orderId).expect(200)).body as OperatorOrderView;
    expect(view.payment.refundable_amount).toBe(order.total);
    const events = await timeline(ctx, order.orderId);
    expect(events.some((e) => e.type === 'refund_failed' && e.actor_type === 'stripe')).toBe(true);

    await api.refund(order.orderId, { reason }).expect(201);
    const rows = await refundRows(ctx, order.orderId);
    expect(rows.map((r) => [r.amount, r.status])).toEqual([
      [1200, 'failed'],
      [order.total, 'succeeded'],
    ]);
  });

  it('when a refund starts pending (pm_card_pendingRefund), then it holds its amount and refund.updated settles it', async () => {
    const order = await paidOrder(ctx, 'pm_card_pendingRefund');
    const res = await api.refund(order.orderId, { amount: 900, reason }).expect(201);
    expect(res.body).toMatchObject({ status: 'pending', amount: 900 });
    expect(res.body.stripe_refund_id).toMatch(/^re_/);
    await ctx.emulator.control.waitForIdle();
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'succeeded',
      amount_refunded: 0,
    });
    const pending = (await api.get(order.orderId).expect(200)).body as OperatorOrderView;
    expect(pending.payment.refundable_amount).toBe(order.total - 900);
    await api.refund(order.orderId, { amount: order.total - 899, reason }).expect(409);

    await settle();
    expect((await refundRows(ctx, order.orderId)).map((r) => r.status)).toEqual(['succeeded']);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 900,
    });
  });

  it('when a refund is created directly at Stripe (the Dashboard), then the webhook imports it into the ledger', async () => {
    const order = await paidOrder(ctx);
    const refund = await sdk(ctx).refunds.create({ payment_intent: order.intentId, amount: 250 });
    await ctx.emulator.control.waitForIdle();
    const rows = await refundRows(ctx, order.orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      stripe_refund_id: refund.id,
      amount: 250,
      status: 'succeeded',
      actor_type: 'stripe',
    });
    expect(rows[0]!.actor_id).toMatch(/^evt_/);
    const view = (await api.get(order.orderId).expect(200)).body as OperatorOrderView;
    expect(view.payment).toMatchObject({ amount_refunded: 250, refundable_amount: order.total - 250 });
    expect(view.refunds.map((r) => r.stripe_refund_id)).toEqual([refund.id]);
  });

  it('when diner, Stripe and operator all act on an order, then the timeline records each actor', async () => {
    const order = await paidOrder(ctx);
    await sdk(ctx).refunds.create({ payment_intent: order.intentId, amount: 100 });
    await ctx.emulator.control.waitForIdle();
    await api.cancel(order.orderId, { reason: 'kitchen closed' }).expect(200);
    await ctx.emulator.control.waitForIdle();
    const view = (await api.get(order.orderId).expect(200)).body as OperatorOrderView;
    const actors = new Set(view.timeline.map((e) => e.actor.type));
    expect([...actors].sort()).toEqual(['diner', 'operator', 'stripe']);
    expect(view.timeline[0]).toMatchObject({ type: 'created', actor: { type: 'diner', id: null } });
    const stripeEntry = view.timeline.find((e) => e.actor.type === 'stripe');
    expect(stripeEntry?.actor.id).toMatch(/^evt_/);
    const cancelled = view.timeline.find((e) => e.type === 'cancelled');
    expect(cancelled?.actor).toEqual({ type: 'operator', id: expect.stringMatching(/^rk_[a-z0-9]+$/) });
    expect(view).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'kitchen closed',
      payment_status: 'refunded',
    });
  });

  it('when a refund Stripe failed meets its late succeeded event after a new refund, then it stays failed and only the new one counts', async () => {
    const order = await paidOrder(ctx, 'pm_card_refundFail');
    ctx.emulator.control.hold(true);
    try {
      const first = (await api.refund(order.orderId, { reason }).expect(201)).body;
      expect(first.status).toBe('succeeded');
      await ctx.emulator.control.settleRefunds();
      await ctx.emulator.control.release({ type: 'refund.failed' });
      await ctx.emulator.control.waitForIdle();
      expect((await refundRows(ctx, order.orderId)).map((r) => r.status)).toEqual(['failed']);

      const second = (await api.refund(order.orderId, { reason }).expect(201)).body;
      const late = lastEvent('refund.created', first.stripe_refund_id);
      expect((late.data.object as { status: string }).status).toBe('succeeded');
      await ctx.emulator.control.release({ eventId: late.id });
      await ctx.emulator.control.release();
      await ctx.emulator.control.waitForIdle();

      expect(await storedEvent(ctx, late.id)).toMatchObject({ outcome: 'ignored' });
      const rows = await refundRows(ctx, order.orderId);
      expect(rows.map((r) => [r.stripe_refund_id, r.amount, r.status])).toEqual([
        [first.stripe_refund_id, order.total, 'failed'],
        [second.stripe_refund_id, order.total, 'succeeded'],
      ]);
      expect(await orderRow(ctx, order.orderId)).toMatchObject({
        payment_status: 'refunded',
        amount_refunded: order.total,
      });
      expect((await timeline(ctx, order.orderId)).filter((e) => e.actor_id === late.id)).toEqual([]);
    } finally {
      ctx.emulator.control.hold(false);
    }
  });

  it('when we refused a refund before Stripe gave it an id and Stripe paid it anyway, then its success is recorded', async () => {
    const order = await paidOrder(ctx);
    const ledgerId = await inferredRefusal(order.orderId, 400);
    const paid = await sdk(ctx).refunds.create({
      payment_intent: order.intentId,
      amount: 400,
      metadata: { refund_id: ledgerId },
    });
    await ctx.emulator.control.waitForIdle();
    expect((await refundRows(ctx, order.orderId)).map((r) => [r.id, r.stripe_refund_id, r.status])).toEqual([
      [ledgerId, paid.id, 'succeeded'],
    ]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 400,
    });
  });

  it('when a refusal we inferred is paid after the order was refunded in full, then the order is flagged for review', async () => {
    const order = await paidOrder(ctx);
    const ledgerId = await inferredRefusal(order.orderId, 400);
    const full = (await api.refund(order.orderId, { reason }).expect(201)).body;
    await ctx.emulator.control.waitForIdle();
    const paidAnyway = {
      ...(await sdk(ctx).refunds.retrieve(full.stripe_refund_id)),
      id: `re_inferred_${randomBytes(6).toString('hex')}`,
      amount: 400,
      status: 'succeeded',
      metadata: { refund_id: ledgerId },
    };
    const event = stripeEvent('refund.updated', paidAnyway);
    const log = errorLog(ctx);
    await deliver(ctx, event, { app: appWith(ctx, { logger: log.logger }) }).expect(200);

    expect((await refundRows(ctx, order.orderId)).map((r) => [r.amount, r.status])).toEqual([
      [400, 'succeeded'],
      [order.total, 'succeeded'],
    ]);
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({ payment_status: 'refunded', amount_refunded: order.total });
    expect(row.review_reason).toBe(
      `succeeded refunds total ${order.total + 400}, more than the ${order.total} received`,
    );
    expect((await timeline(ctx, order.orderId)).map((e) => e.type)).toContain('refund_mismatch');
    // What alerts read: one error line naming the order and why.
    expect(log.lines).toEqual([
      expect.objectContaining({
        eventId: event.id,
        orderId: order.orderId,
        reason: row.review_reason,
        msg: `order flagged for review: ${row.review_reason}`,
      }),
    ]);
  });

  it('when one charge.refunded settles a new refund and fails an older one, then the order counts only the succeeded one', async () => {
    const order = await paidOrder(ctx, 'pm_card_pendingRefund');
    const older = (await api.refund(order.orderId, { amount: 300, reason }).expect(201)).body;
    await settle();
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ amount_refunded: 300 });
    const newer = (await api.refund(order.orderId, { amount: 300, reason }).expect(201)).body;
    await ctx.emulator.control.waitForIdle();

    const emitted = lastEvent('charge.refunded');
    const charge = emitted.data.object as Stripe.Charge;
    const refunds = charge.refunds?.data ?? [];
    const settled: Record<string, Partial<Stripe.Refund>> = {
      [newer.stripe_refund_id]: { status: 'succeeded' },
      [older.stripe_refund_id]: { status: 'failed', failure_reason: 'expired_or_canceled_card' },
    };
    const event = {
      ...emitted,
      id: `evt_test_${randomBytes(8).toString('hex')}`,
      data: {
        object: {
          ...charge,
          refunds: {
            ...charge.refunds,
            data: refunds.map((r) => ({ ...r, ...settled[r.id] })),
          },
        },
      },
    };
    expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('applied');

    const rows = await refundRows(ctx, order.orderId);
    expect(rows.map((r) => [r.stripe_refund_id, r.status])).toEqual([
      [older.stripe_refund_id, 'failed'],
      [newer.stripe_refund_id, 'succeeded'],
    ]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 300,
    });
  });
});
