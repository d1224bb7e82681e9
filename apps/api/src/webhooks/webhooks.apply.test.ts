import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import {
  deliver,
  disputeEvent,
  failed,
  intentEvent,
  jobsFor,
  orderRow,
  placeOrder,
  processing,
  sdk,
  storedEvent,
  succeeded,
} from '../../test/webhooks.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const succeededEvents = async (orderId: string) =>
  (
    await ctx.db
      .selectFrom('order_events')
      .select('type')
      .where('order_id', '=', orderId)
      .where('type', '=', 'payment_succeeded')
      .execute()
  ).length;

const timelineTypes = async (orderId: string) =>
  (
    await ctx.db
      .selectFrom('order_events')
      .select('type')
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute()
  ).map((entry) => entry.type);

describe('POST /payments/webhooks/stripe applying events', () => {
  it('when payment_intent.succeeded arrives, then the order is confirmed with its jobs staged once', async () => {
    const order = await placeOrder(ctx);
    const event = await succeeded(ctx, order);
    const res = await deliver(ctx, event).expect(200);
    expect(res.body).toMatchObject({ received: true, outcome: 'applied' });
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      amount_received: order.total,
    });
    expect(row.confirmed_at).toBeInstanceOf(Date);
    const prepMinutes = (row.estimated_ready_at!.getTime() - row.confirmed_at!.getTime()) / 60_000;
    expect(prepMinutes).toBeCloseTo(20, 0);
    expect(await jobsFor(ctx, order.orderId)).toEqual([
      { kind: 'confirmation_email', ref: '', status: 'pending' },
      { kind: 'pos_handoff', ref: '', status: 'pending' },
    ]);
    expect(await storedEvent(ctx, event.id)).toMatchObject({
      outcome: 'applied',
      order_id: order.orderId,
      type: 'payment_intent.succeeded',
    });
  });

  it('when a payment fails and then succeeds, then the order records the decline and ends confirmed', async () => {
    const order = await placeOrder(ctx);
    await deliver(ctx, await failed(ctx, order, 'Your card has insufficient funds.')).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'pending_payment',
      payment_status: 'failed',
      last_payment_error: 'Your card has insufficient funds.',
    });
    expect(await jobsFor(ctx, order.orderId)).toEqual([]);
    await deliver(ctx, await succeeded(ctx, order)).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      last_payment_error: null,
    });
  });

  it('when one event is delivered 5 times in a row and 5 times at once, then it is applied once', async () => {
    const order = await placeOrder(ctx);
    const event = await succeeded(ctx, order);
    const sequential = [];
    for (let i = 0; i < 5; i += 1) sequential.push((await deliver(ctx, event).expect(200)).body.outcome);
    expect(sequential).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver(ctx, event)));
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await succeededEvents(order.orderId)).toBe(1);
    expect(await jobsFor(ctx, order.orderId)).toHaveLength(2);

    const fresh = await placeOrder(ctx);
    const racing = await succeeded(ctx, fresh);
    const outcomes = (await Promise.all(Array.from({ length: 5 }, () => deliver(ctx, racing)))).map(
      (r) => r.body.outcome,
    );
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(await succeededEvents(fresh.orderId)).toBe(1);
    expect(await jobsFor(ctx, fresh.orderId)).toHaveLength(2);
  });

  const permutations = [
    ['succeeded', 'payment_failed', 'processing'],
    ['succeeded', 'processing', 'payment_failed'],
    ['payment_failed', 'succeeded', 'processing'],
    ['payment_failed', 'processing', 'succeeded'],
    ['processing', 'succeeded', 'payment_failed'],
    ['processing', 'payment_failed', 'succeeded'],
  ];
  it.each(permutations)(
    'when events arrive as %s, %s, %s, then the order ends confirmed and paid',
    async (...types) => {
      const order = await placeOrder(ctx);
      const events = {
        succeeded: await succeeded(ctx, order),
        payment_failed: await failed(ctx, order),
        processing: await processing(ctx, order),
      };
      for (const type of types) await deliver(ctx, events[type as keyof typeof events]).expect(200);
      expect(await orderRow(ctx, order.orderId)).toMatchObject({
        status: 'confirmed',
        payment_status: 'succeeded',
        amount_received: order.total,
      });
      expect(await jobsFor(ctx, order.orderId)).toHaveLength(2);
    },
  );

  // A decline at t, a retry processing at t+10 s, a second decline with the same wording at t+20 s.
  const at =
    (seconds: number) =>
    <T extends { created: number }>(event: T): T => ({
      ...event,
      created: event.created + seconds,
    });
  it.each([
    ['in order', [0, 1, 2], 'failed'],
    ['the first decline last', [1, 2, 0], 'failed'],
    ['the processing retry last', [0, 2, 1], 'failed'],
    ['the second decline first', [2, 0, 1], 'failed'],
  ])(
    'when a decline, a processing retry and a second decline arrive %s, then the latest of them stands',
    async (_name, delivery, status) => {
      const order = await placeOrder(ctx);
      const events = [
        at(0)(await failed(ctx, order)),
        at(10)(await processing(ctx, order)),
        at(20)(await failed(ctx, order)),
      ];
      for (const index of delivery) await deliver(ctx, events[index]!).expect(200);
      expect(await orderRow(ctx, order.orderId)).toMatchObject({
        status: 'pending_payment',
        payment_status: status,
        last_payment_error: 'Your card was declined.',
      });
    },
  );

  it('when a newer event repeats the state the order is in, then an older decline still cannot apply after it', async () => {
    // Processing (t), declined (t+10 s), processing again (t+20 s); the decline arrives last.
    const order = await placeOrder(ctx);
    await deliver(ctx, at(0)(await processing(ctx, order))).expect(200);
    await deliver(ctx, at(20)(await processing(ctx, order))).expect(200);
    const late = at(10)(await failed(ctx, order));
    expect((await deliver(ctx, late).expect(200)).body.outcome).toBe('ignored');
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ payment_status: 'processing' });
  });

  it('when a decline is older than the processing already applied, then it is ignored and the order stays processing', async () => {
    const order = await placeOrder(ctx);
    await deliver(ctx, at(10)(await processing(ctx, order))).expect(200);
    const late = at(0)(await failed(ctx, order));
    expect((await deliver(ctx, late).expect(200)).body.outcome).toBe('ignored');
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ payment_status: 'processing' });
    expect(await storedEvent(ctx, late.id)).toMatchObject({ outcome: 'ignored' });
  });

  it.each([
    ['an order we do not know', { metadata: { order_id: randomUUID(), client_slug: 'demo' } }],
    ['another integration (no order id)', { metadata: {} }],
    ['a malformed order id', { metadata: { order_id: 'ord_123' } }],
  ])(
    'when the intent belongs to %s, then the event is stored as ignored and answered 200',
    async (_name, overrides) => {
      const order = await placeOrder(ctx);
      const event = await succeeded(ctx, order, overrides);
      expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('ignored');
      expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'ignored' });
      expect((await orderRow(ctx, order.orderId)).status).toBe('pending_payment');
    },
  );

  it.each([
    ['the amount received differs', { amount_received: 100 }],
    ['the currency differs', { currency: 'eur' }],
  ])('when %s, then the order goes to needs_review and is not confirmed', async (_name, overrides) => {
    const order = await placeOrder(ctx);
    await deliver(ctx, await succeeded(ctx, order, overrides)).expect(200);
    const row = await orderRow(ctx, order.orderId);
    expect(row.status).toBe('needs_review');
    expect(row.review_reason).toMatch(/differs/);
    expect(row.confirmed_at).toBeNull();
    expect(await jobsFor(ctx, order.orderId)).toEqual([]);
  });

  it.each([
    ['pending', false, 'needs_review'],
    ['already confirmed (a second charge)', true, 'confirmed'],
  ] as const)(
    "when money arrives for an order %s through a PaymentIntent that is not the order's, then the order is flagged for review and keeps its own payment",
    async (_name, paidFirst, flaggedStatus) => {
      const order = await placeOrder(ctx);
      if (paidFirst) await deliver(ctx, await succeeded(ctx, order)).expect(200);
      const before = await orderRow(ctx, order.orderId);
      const event = await succeeded(ctx, order, { id: 'pi_not_ours_123' });
      expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('applied');
      const row = await orderRow(ctx, order.orderId);
      expect(row).toMatchObject({
        status: flaggedStatus,
        payment_intent_id: order.intentId,
        payment_status: before.payment_status,
        amount_received: before.amount_received,
      });
      expect(row.review_reason).toContain('pi_not_ours_123');
      // A paid order still reaches the kitchen; an unpaid one stages nothing.
      expect((await jobsFor(ctx, order.orderId)).map((job) => job.kind)).toEqual(
        paidFirst ? ['confirmation_email', 'pos_handoff'] : [],
      );
      expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'applied', order_id: order.orderId });
      expect(await timelineTypes(order.orderId)).toContain('payment_mismatch');
      // Redelivered, or seen again: flagged once.
      const again = await succeeded(ctx, order, { id: 'pi_not_ours_123' });
      expect((await deliver(ctx, again).expect(200)).body.outcome).toBe('ignored');
      expect((await timelineTypes(order.orderId)).filter((type) => type === 'payment_mismatch')).toHaveLength(
        1,
      );
    },
  );

  it('when the event livemode differs from our key, then it is stored as ignored and never applied', async () => {
    const order = await placeOrder(ctx);
    const event = { ...(await succeeded(ctx, order)), livemode: true };
    expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('ignored');
    expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'ignored', livemode: true });
    expect((await orderRow(ctx, order.orderId)).status).toBe('pending_payment');
  });

  it('when the database fails while applying, then it answers 5xx, keeps the event as failed, and the redelivery applies it', async () => {
    const order = await placeOrder(ctx);
    const event = await succeeded(ctx, order);
    await sql`create function refuse_update() returns trigger language plpgsql as $$ begin raise exception 'database unavailable'; end $$`.execute(
      ctx.db,
    );
    await sql`create trigger refuse_order_updates before update on orders for each row execute function refuse_update()`.execute(
      ctx.db,
    );
    try {
      const res = await deliver(ctx, event);
      expect(res.status).toBe(500);
      expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'failed' });
      expect((await orderRow(ctx, order.orderId)).status).toBe('pending_payment');
    } finally {
      await sql`drop trigger refuse_order_updates on orders`.execute(ctx.db);
      await sql`drop function refuse_update()`.execute(ctx.db);
    }
    expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('applied');
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'confirmed' });
    expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'applied', attempts: 2 });
  });

  it('when the diner returns before the webhook, then the re-sync confirms and the late webhook changes nothing', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    const view = await request(ctx.app)
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(200);
    expect(view.body).toMatchObject({ status: 'confirmed', payment_status: 'succeeded', final: false });
    const late = await intentEvent(ctx, 'payment_intent.succeeded', order.intentId);
    expect((await deliver(ctx, late).expect(200)).body.outcome).toBe('ignored');
    expect(await succeededEvents(order.orderId)).toBe(1);
    expect(await jobsFor(ctx, order.orderId)).toHaveLength(2);
  });

  it('when the webhook lands before the diner returns, then the diner sees the confirmed order', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await deliver(ctx, await intentEvent(ctx, 'payment_intent.succeeded', order.intentId)).expect(200);
    const view = await request(ctx.app)
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(200);
    expect(view.body).toMatchObject({ status: 'confirmed', payment_status: 'succeeded' });
    expect(await succeededEvents(order.orderId)).toBe(1);
  });

  it.each([
    ['won', 'needs_response', 'won'],
    ['lost', 'under_review', 'lost'],
    ['warning_closed', 'warning_needs_response', 'warning_closed'],
    ['appeal_under_review', 'needs_response', 'appeal_under_review'],
    ['needs_response', 'under_review', 'under_review'],
    ['warning_under_review', 'needs_response', 'needs_response'],
    ['under_review', 'lost', 'lost'],
    ['lost', 'appeal_needs_response', 'appeal_needs_response'],
    ['appeal_under_review', 'won', 'won'],
  ])('when a dispute is %s and then an event says %s, then it ends %s', async (first, second, final) => {
    const order = await placeOrder(ctx);
    await deliver(ctx, disputeEvent(order, 'charge.dispute.updated', first)).expect(200);
    const late = disputeEvent(order, 'charge.dispute.updated', second);
    const res = await deliver(ctx, late).expect(200);
    expect(res.body.outcome).toBe(final === second ? 'applied' : 'ignored');
    expect((await orderRow(ctx, order.orderId)).dispute_status).toBe(final);
    expect(await storedEvent(ctx, late.id)).toMatchObject({ outcome: res.body.outcome });
  });
});
