import request from 'supertest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobsFor, orderRow, placeOrder, sdk } from '../../test/webhooks.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.listen();
});
afterAll(() => ctx.close());
afterEach(() => {
  ctx.emulator.control.hold(false);
  ctx.emulator.control.duplicate(1);
  ctx.emulator.control.reorder(false);
});

const eventsFor = (orderId: string) =>
  ctx.db
    .selectFrom('webhook_events')
    .select(['type', 'outcome'])
    .where('order_id', '=', orderId)
    .orderBy('type')
    .execute();

describe('webhooks delivered by the emulator', () => {
  it('when a card payment succeeds, then the real deliveries confirm the order', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await ctx.emulator.control.waitForIdle();
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
    });
    expect(await eventsFor(order.orderId)).toContainEqual({
      type: 'payment_intent.succeeded',
      outcome: 'applied',
    });
    const deliveries = ctx.emulator.control.deliveries().filter((d) => d.status === 'delivered');
    expect(deliveries.every((d) => d.responseStatus === 200)).toBe(true);
  });

  it('when a card is declined, then the order records the decline and stays payable', async () => {
    const order = await placeOrder(ctx);
    await expect(
      sdk(ctx).paymentIntents.confirm(order.intentId, {
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
      }),
    ).rejects.toThrow();
    await ctx.emulator.control.waitForIdle();
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({ status: 'pending_payment', payment_status: 'failed' });
    expect(row.last_payment_error).toMatch(/insufficient funds/i);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await ctx.emulator.control.waitForIdle();
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
    });
  });

  it('when every delivery is duplicated and reordered, then the order is confirmed once', async () => {
    ctx.emulator.control.duplicate(3);
    ctx.emulator.control.reorder(true);
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await ctx.emulator.control.waitForIdle();
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'confirmed' });
    const confirmations = await ctx.db
      .selectFrom('order_events')
      .select('id')
      .where('order_id', '=', order.orderId)
      .where('type', '=', 'payment_succeeded')
      .execute();
    expect(confirmations).toHaveLength(1);
    expect(await jobsFor(ctx, order.orderId)).toHaveLength(2);
  });

  it('when the webhook is held, then the diner re-sync confirms first and the released webhook changes nothing', async () => {
    ctx.emulator.control.hold(true);
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    expect((await orderRow(ctx, order.orderId)).status).toBe('pending_payment');
    await request(ctx.app)
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(200);
    expect((await orderRow(ctx, order.orderId)).status).toBe('confirmed');
    await ctx.emulator.control.release();
    await ctx.emulator.control.waitForIdle();
    expect(await eventsFor(order.orderId)).toContainEqual({
      type: 'payment_intent.succeeded',
      outcome: 'ignored',
    });
    expect(await jobsFor(ctx, order.orderId)).toHaveLength(2);
  });

  it('when a refund is made directly at Stripe, then it is imported into the ledger', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await ctx.emulator.control.waitForIdle();
    await sdk(ctx).refunds.create({ payment_intent: order.intentId, amount: 500 });
    await ctx.emulator.control.waitForIdle();
    const refunds = await ctx.db
      .selectFrom('refunds')
      .select(['amount', 'status', 'actor_type'])
      .where('order_id', '=', order.orderId)
      .execute();
    expect(refunds).toEqual([{ amount: 500, status: 'succeeded', actor_type: 'stripe' }]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      payment_status: 'partially_refunded',
      amount_refunded: 500,
    });
  });

  it('when the payment is disputed, then the order is flagged for operators', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_createDispute' });
    await ctx.emulator.control.settleRefunds();
    await ctx.emulator.control.waitForIdle();
    const row = await orderRow(ctx, order.orderId);
    expect(row.dispute_status).not.toBeNull();
    expect(await eventsFor(order.orderId)).toContainEqual({
      type: 'charge.dispute.created',
      outcome: 'applied',
    });
  });

  it('when the dispute closes as won before a retried charge.dispute.created lands, then the order stays won', async () => {
    ctx.emulator.control.hold(true);
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_createDispute' });
    await ctx.emulator.control.settleRefunds();
    const created = ctx.emulator.control
      .events()
      .find(
        (e) =>
          e.type === 'charge.dispute.created' &&
          (e.data.object as { payment_intent: string }).payment_intent === order.intentId,
      );
    if (!created) throw new Error('no dispute was opened');
    ctx.emulator.control.closeDispute((created.data.object as { id: string }).id, 'won');
    await ctx.emulator.control.release({ type: 'charge.dispute.closed' });
    await ctx.emulator.control.release();
    await ctx.emulator.control.waitForIdle();

    expect((await orderRow(ctx, order.orderId)).dispute_status).toBe('won');
    expect(await eventsFor(order.orderId)).toEqual(
      expect.arrayContaining([
        { type: 'charge.dispute.closed', outcome: 'applied' },
        { type: 'charge.dispute.created', outcome: 'ignored' },
      ]),
    );
  });
});
