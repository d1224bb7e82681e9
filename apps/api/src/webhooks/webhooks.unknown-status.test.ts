import type { Express } from 'express';
import {
  appWith,
  createTestContext,
  errorLog,
  type TestContext,
  WEBHOOK_SECRET,
} from '../../test/harness.ts';
import {
  deliver,
  intentEvent,
  orderRow,
  placeOrder,
  sdk,
  storedEvent,
  stripeEvent,
  succeeded,
} from '../../test/webhooks.ts';
import { createStripeGateway } from '../payments/stripe-gateway.ts';
import { replayStoredEvents } from './webhooks.replay.ts';

let ctx: TestContext;
let app: Express;
let log: ReturnType<typeof errorLog>;
beforeAll(async () => {
  ctx = await createTestContext();
  log = errorLog(ctx);
  const payments = createStripeGateway({
    secretKey: ctx.emulator.secretKey,
    publishableKey: ctx.emulator.publishableKey,
    webhookSecrets: [WEBHOOK_SECRET],
    apiBase: ctx.emulator.url,
    logger: log.logger,
  });
  app = appWith(ctx, { payments, logger: log.logger });
});
afterAll(() => ctx.close());
beforeEach(() => {
  log.lines.length = 0;
});

describe('POST /payments/webhooks/stripe with a status this code does not know', () => {
  it('when a PaymentIntent event carries one, then it is stored as failed, answered 200 and logged, and the order stays as it was', async () => {
    const order = await placeOrder(ctx);
    const event = await intentEvent(ctx, 'payment_intent.requires_reauthorization', order.intentId, {
      status: 'requires_reauthorization',
    });
    const before = await orderRow(ctx, order.orderId);

    const first = await deliver(ctx, event, { app }).expect(200);
    expect(first.body).toMatchObject({ received: true, outcome: 'failed' });
    expect(first.body.detail).toMatch(/requires_reauthorization/);
    // Stripe delivering it again gets the same answer, never a 5xx to retry for three days.
    await deliver(ctx, event, { app }).expect(200);

    expect(await storedEvent(ctx, event.id)).toMatchObject({
      outcome: 'failed',
      outcome_detail: expect.stringContaining(`payment_intent ${order.intentId}`),
      attempts: 2,
      payload: expect.objectContaining({ id: event.id }),
    });
    expect(await orderRow(ctx, order.orderId)).toEqual(before);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        eventId: event.id,
        objectId: order.intentId,
        status: 'requires_reauthorization',
      }),
    );
  });

  it('when a refund event carries one, then it is stored as failed and the ledger is left alone', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await deliver(ctx, await succeeded(ctx, order), { app }).expect(200);
    const refund = await sdk(ctx).refunds.create({ payment_intent: order.intentId, amount: 500 });
    const event = stripeEvent('refund.updated', { ...refund, status: 'reversed' });

    expect((await deliver(ctx, event, { app }).expect(200)).body.outcome).toBe('failed');
    expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'failed' });
    const ledger = await ctx.db
      .selectFrom('refunds')
      .selectAll()
      .where('order_id', '=', order.orderId)
      .execute();
    expect(ledger).toEqual([]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      amount_refunded: 0,
      payment_status: 'succeeded',
    });
  });

  it('when such a stored event is replayed, then it fails alone with the same detail', async () => {
    const order = await placeOrder(ctx);
    const event = await intentEvent(ctx, 'payment_intent.requires_reauthorization', order.intentId, {
      status: 'requires_reauthorization',
    });
    await deliver(ctx, event, { app }).expect(200);
    const results = await replayStoredEvents(
      { db: ctx.db, payments: ctx.payments, logger: log.logger },
      { eventId: event.id },
    );
    expect(results).toEqual([
      {
        id: event.id,
        type: event.type,
        outcome: 'failed',
        detail: expect.stringMatching(/requires_reauthorization/),
      },
    ]);
  });
});
