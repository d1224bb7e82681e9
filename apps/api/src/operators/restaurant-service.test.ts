import { rejectOverdueOrders } from '../../src/jobs/acceptance-expiry.ts';
import { newKey, rewriteOrder } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import type { operatorApi } from '../../test/operators.ts';
import { authorizedOrder, dinerView, MANUAL, manualRestaurant } from '../../test/service.ts';
import { jobsFor, orderRow, sdk } from '../../test/webhooks.ts';
import { createLogger } from '../platform/logger.ts';

let ctx: TestContext;
let staff: ReturnType<typeof operatorApi>;
beforeAll(async () => {
  ctx = await createTestContext();
  staff = await manualRestaurant(ctx);
});
afterAll(() => ctx.close());

const kinds = async (orderId: string) => (await jobsFor(ctx, orderId)).map((job) => job.kind).sort();
const intentOf = (id: string) => sdk(ctx).paymentIntents.retrieve(id);

describe('manual acceptance', () => {
  it('when the card is authorized, then the order waits for the restaurant with a deadline, and nothing is captured or sent', async () => {
    const order = await authorizedOrder(ctx);
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({
      status: 'awaiting_acceptance',
      payment_status: 'authorized',
      amount_received: 0,
    });
    const window = row.acceptance_deadline!.getTime() - row.authorized_at!.getTime();
    expect(window).toBeGreaterThan(9 * 60_000);
    expect(window).toBeLessThan(11 * 60_000);
    expect((await intentOf(order.intentId)).status).toBe('requires_capture');
    expect(await jobsFor(ctx, order.orderId)).toEqual([]);
    const menu = await staff.get(order.orderId).expect(200);
    expect(menu.body.acceptance_deadline).toBe(row.acceptance_deadline!.toISOString());
  });

  it('when staff accept, then the whole authorization is captured once, the order is confirmed with its ready time, and the email and POS hand-off are staged', async () => {
    const order = await authorizedOrder(ctx);
    const key = newKey();
    const res = await staff.act(order.orderId, 'accept', { ready_in_minutes: 35 }, key).expect(200);
    expect(res.body).toMatchObject({
      status: 'confirmed',
      payment: { status: 'succeeded', amount_received: order.total },
    });
    const readyIn = new Date(res.body.estimated_ready_at).getTime() - Date.now();
    expect(readyIn).toBeGreaterThan(33 * 60_000);
    expect(readyIn).toBeLessThan(36 * 60_000);
    expect(await kinds(order.orderId)).toEqual(['confirmation_email', 'pos_handoff']);
    expect(await intentOf(order.intentId)).toMatchObject({
      status: 'succeeded',
      amount_received: order.total,
    });
    const replay = await staff.act(order.orderId, 'accept', { ready_in_minutes: 35 }, key).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const again = await staff.act(order.orderId, 'accept', {}).expect(409);
    expect(again.body.type).toBe('/problems/order-not-awaiting-acceptance');
    expect(await dinerView(ctx, order)).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      final: false,
    });
  });

  it('when staff accept for less, then only that is captured, the rest released, and every view shows the captured amount', async () => {
    const order = await authorizedOrder(ctx);
    const captured = order.total - 500;
    const over = await staff.act(order.orderId, 'accept', { amount_to_capture: order.total + 1 }).expect(409);
    expect(over.body).toMatchObject({
      type: '/problems/capture-exceeds-authorized',
      authorized_amount: order.total,
    });
    const res = await staff.act(order.orderId, 'accept', { amount_to_capture: captured }).expect(200);
    expect(res.body).toMatchObject({ status: 'confirmed', payment: { amount_received: captured } });
    expect(res.body.timeline.find((e: { type: string }) => e.type === 'accepted').detail).toEqual({
      captured,
      authorized: order.total,
    });
    expect(await intentOf(order.intentId)).toMatchObject({ status: 'succeeded', amount_received: captured });
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      review_reason: null,
      amount_received: captured,
    });
    expect(await dinerView(ctx, order)).toMatchObject({
      amount_charged: captured,
      amounts: { total: order.total },
    });
  });

  it('when staff reject, then the authorization is released, the order cancelled with the reason, and the diner emailed', async () => {
    const order = await authorizedOrder(ctx);
    const res = await staff.act(order.orderId, 'reject', { reason: 'out of dough' }).expect(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      payment: { status: 'canceled' },
      cancel_reason: 'out of dough',
    });
    expect((await intentOf(order.intentId)).status).toBe('canceled');
    expect(await kinds(order.orderId)).toEqual(['rejection_email']);
    expect(await dinerView(ctx, order)).toMatchObject({ status: 'cancelled', rejected: true, final: true });
    await staff.act(order.orderId, 'accept', {}).expect(409);
  });

  it('when an order is not accepted in time, then the job rejects it as not_accepted_in_time; a fresh one is left alone', async () => {
    const late = await authorizedOrder(ctx);
    const fresh = await authorizedOrder(ctx);
    await rewriteOrder(ctx, late.orderId, { acceptance_deadline: new Date(Date.now() - 1000) });
    const deps = { db: ctx.db, payments: ctx.payments, logger: createLogger(ctx.config) };
    expect(await rejectOverdueOrders(deps)).toBe(1);
    expect(await orderRow(ctx, late.orderId)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'not_accepted_in_time',
    });
    expect(await kinds(late.orderId)).toEqual(['rejection_email']);
    expect((await orderRow(ctx, fresh.orderId)).status).toBe('awaiting_acceptance');
  });

  it('when Stripe is down, then accept answers 503 and changes nothing, and the same key then accepts once', async () => {
    const order = await authorizedOrder(ctx);
    const key = newKey();
    ctx.emulator.control.failRequests({ status: 503, count: 3 });
    const down = await staff.act(order.orderId, 'accept', {}, key).expect(503);
    expect(down.headers['retry-after']).toBeDefined();
    expect((await orderRow(ctx, order.orderId)).status).toBe('awaiting_acceptance');
    await staff.act(order.orderId, 'reject', { reason: 'changed my mind' }).expect(409);
    await staff.act(order.orderId, 'accept', {}, key).expect(200);
    expect((await intentOf(order.intentId)).status).toBe('succeeded');
  });

  it('when the authorization lapsed at Stripe, then accept answers 409 authorization-gone and the order is released', async () => {
    const order = await authorizedOrder(ctx);
    ctx.emulator.control.expireAuthorization(order.intentId);
    const res = await staff.act(order.orderId, 'accept', {}).expect(409);
    expect(res.body.type).toBe('/problems/authorization-gone');
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'canceled',
    });
  });

  it('when an operator cancels an order waiting for acceptance, then it is a reject: released, not refunded', async () => {
    const order = await authorizedOrder(ctx);
    await staff.cancel(order.orderId, { reason: 'closing early' }).expect(200);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({
      status: 'cancelled',
      payment_status: 'canceled',
    });
    expect((await sdk(ctx).refunds.list({ payment_intent: order.intentId })).data).toEqual([]);
    expect(await kinds(order.orderId)).toEqual(['rejection_email']);
  });
});

describe('accept, reject and the window racing', () => {
  const settle = async (orderId: string, intentId: string) => {
    const row = await orderRow(ctx, orderId);
    const intent = await intentOf(intentId);
    // One order, one state, and Stripe captured or released it once.
    expect([[row.status, intent.status]]).toEqual([
      row.status === 'confirmed' ? ['confirmed', 'succeeded'] : ['cancelled', 'canceled'],
    ]);
    const jobs = await kinds(orderId);
    expect(jobs).toEqual(
      row.status === 'confirmed' ? ['confirmation_email', 'pos_handoff'] : ['rejection_email'],
    );
  };

  it('when accept races reject, then exactly one wins', async () => {
    for (let round = 0; round < 3; round += 1) {
      const order = await authorizedOrder(ctx);
      const [accept, reject] = await Promise.all([
        staff.act(order.orderId, 'accept', {}),
        staff.act(order.orderId, 'reject', { reason: 'race' }),
      ]);
      expect([accept.status, reject.status].sort()).toEqual([200, 409]);
      await settle(order.orderId, order.intentId);
    }
  });

  it('when accept races the window expiry, then exactly one wins', async () => {
    const deps = { db: ctx.db, payments: ctx.payments, logger: createLogger(ctx.config) };
    for (let round = 0; round < 3; round += 1) {
      const order = await authorizedOrder(ctx);
      await rewriteOrder(ctx, order.orderId, { acceptance_deadline: new Date(Date.now() - 1000) });
      const [accept] = await Promise.all([staff.act(order.orderId, 'accept', {}), rejectOverdueOrders(deps)]);
      expect([200, 409]).toContain(accept.status);
      await settle(order.orderId, order.intentId);
    }
  });

  it('when two staff accept with different keys, then one accepts, the other is told, and Stripe captures once', async () => {
    const order = await authorizedOrder(ctx);
    const answers = await Promise.all([
      staff.act(order.orderId, 'accept', {}),
      staff.act(order.orderId, 'accept', {}),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    await settle(order.orderId, order.intentId);
  });
});

describe(`POST /api/clients/${MANUAL}/orders/:id/status`, () => {
  it('when the kitchen moves an order forward, then each step is timed and on the timeline, ready emails the diner, and going back is refused', async () => {
    const order = await authorizedOrder(ctx);
    await staff.act(order.orderId, 'accept', {}).expect(200);
    await staff.act(order.orderId, 'status', { status: 'preparing' }).expect(200);
    const ready = await staff.act(order.orderId, 'status', { status: 'ready' }).expect(200);
    expect(ready.body.status).toBe('ready');
    expect(await kinds(order.orderId)).toEqual(['confirmation_email', 'pos_handoff', 'ready_email']);
    const back = await staff.act(order.orderId, 'status', { status: 'preparing' }).expect(409);
    expect(back.body.type).toBe('/problems/status-not-forward');
    await staff.act(order.orderId, 'status', { status: 'ready' }).expect(200);
    await staff.act(order.orderId, 'status', { status: 'completed' }).expect(200);
    const view = await dinerView(ctx, order);
    expect(view).toMatchObject({ status: 'completed', final: true });
    expect(view.preparing_at <= view.ready_at && view.ready_at <= view.completed_at).toBe(true);
    const types = (await staff.get(order.orderId)).body.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((type: string) => ['preparing', 'ready', 'completed'].includes(type))).toEqual([
      'preparing',
      'ready',
      'completed',
    ]);
  });

  it('when the kitchen skips ahead, then it may; an order not accepted yet cannot be cooked; a bad status is 422', async () => {
    const order = await authorizedOrder(ctx);
    const early = await staff.act(order.orderId, 'status', { status: 'preparing' }).expect(409);
    expect(early.body.type).toBe('/problems/order-not-accepted');
    await staff.act(order.orderId, 'status', { status: 'cooking' }).expect(422);
    await staff.act(order.orderId, 'accept', {}).expect(200);
    await staff.act(order.orderId, 'status', { status: 'ready' }).expect(200);
    const list = await staff.list({ status: 'ready' }).expect(200);
    expect(list.body.data.map((row: { order_id: string }) => row.order_id)).toContain(order.orderId);
  });
});
