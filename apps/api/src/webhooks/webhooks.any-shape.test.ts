import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { createTestContext, rowCount, type TestContext, WEBHOOK_SECRET } from '../../test/harness.ts';
import {
  deliver,
  orderRow,
  placeOrder,
  sdk,
  storedEvent,
  stripeEvent,
  succeeded,
} from '../../test/webhooks.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const eventCount = () => rowCount(ctx.db, 'webhook_events');
const stripped = (event: { data: { object: object } }, ...keys: string[]) => {
  const object: Record<string, unknown> = { ...event.data.object };
  for (const key of keys) delete object[key];
  return { ...event, data: { object } };
};

/** Delivers exactly these bytes, signed as Stripe signs them. */
const deliverRaw = (body: string) =>
  deliver(ctx, null, {
    rawBody: body,
    header: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }),
  });

/** A JSON value nested `depth` levels deep, written out directly: JSON.stringify would overflow the stack. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('POST /payments/webhooks/stripe with a verified event of any shape', () => {
  it.each([
    [
      'a PaymentIntent succeeded without the fields we never read',
      async () =>
        stripped(
          await succeeded(ctx, await placeOrder(ctx), { metadata: { order_id: randomUUID() } }),
          'client_secret',
          'last_payment_error',
        ),
    ],
    [
      'a PaymentIntent of another integration with a text amount',
      async () => succeeded(ctx, await placeOrder(ctx), { metadata: {}, amount_received: 'lots' }),
    ],
    [
      'an event whose data.object is not an object',
      async () => ({ ...stripeEvent('charge.refunded', {}), data: { object: 'ch_1' } }),
    ],
    [
      'an event whose id is 10,000 characters long',
      async () => ({
        ...stripeEvent('customer.updated', { object: 'customer' }),
        id: `evt_${randomBytes(5_000).toString('hex')}`,
      }),
    ],
    [
      'an event with no id',
      async () => {
        const { id: _id, ...event } = stripeEvent('refund.created', {
          object: 'refund',
          payment_intent: 'pi_not_ours',
        });
        return event;
      },
    ],
  ])(
    'when it is not about one of our orders (%s), then it is stored as ignored and answered 200',
    async (_name, build) => {
      const event = await build();
      const before = await eventCount();
      const res = await deliver(ctx, event).expect(200);
      expect(res.body).toMatchObject({ received: true, outcome: 'ignored' });
      expect(await eventCount()).toBe(before + 1);
      // An event without a usable id of its own is stored under one derived from its bytes.
      const id =
        'id' in event && typeof event.id === 'string' && event.id.length <= 255 ? event.id : undefined;
      if (id) expect(await storedEvent(ctx, id)).toMatchObject({ outcome: 'ignored', order_id: null });
      // Stripe delivering it again changes nothing.
      expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('duplicate');
      expect(await eventCount()).toBe(before + 1);
    },
  );

  it('when our PaymentIntent succeeded without client_secret or last_payment_error, then it confirms the order', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    const event = stripped(
      await succeeded(ctx, order),
      'client_secret',
      'last_payment_error',
      'cancellation_reason',
    );
    expect((await deliver(ctx, event).expect(200)).body.outcome).toBe('applied');
    expect((await orderRow(ctx, order.orderId)).status).toBe('confirmed');
  });

  it('when an event nested 20,000 levels deep confirms our order, then it is applied and stored byte for byte', async () => {
    const order = await placeOrder(ctx);
    await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    const event = await succeeded(ctx, order, { deep: '__DEEP__' });
    const body = JSON.stringify(event).replace('"__DEEP__"', nested(20_000));
    expect((await deliverRaw(body).expect(200)).body.outcome).toBe('applied');
    expect((await orderRow(ctx, order.orderId)).status).toBe('confirmed');
    expect(await storedEvent(ctx, event.id)).toMatchObject({
      outcome: 'applied',
      raw_body: body,
      payload: null,
    });
  });

  it('when a deep event is not about our orders, then it is stored as ignored and answered 200', async () => {
    const event = stripeEvent('customer.updated', { id: 'cus_1', object: 'customer', deep: '__DEEP__' });
    const body = JSON.stringify(event).replace('"__DEEP__"', nested(20_000));
    expect((await deliverRaw(body).expect(200)).body.outcome).toBe('ignored');
    expect(await storedEvent(ctx, event.id)).toMatchObject({ outcome: 'ignored', raw_body: body });
  });

  it('when a signed JSON value is not an object, then it is stored as ignored under an id taken from its bytes', async () => {
    const before = await eventCount();
    expect((await deliverRaw('[1,2,3]').expect(200)).body.outcome).toBe('ignored');
    expect((await deliverRaw('[1,2,3]').expect(200)).body.outcome).toBe('duplicate');
    expect(await eventCount()).toBe(before + 1);
  });

  it('when a signed body is not JSON, then it answers 400 malformed-event and stores nothing', async () => {
    const before = await eventCount();
    const res = await deliverRaw('{"id": "evt_truncated", "type": "payment_intent.succ').expect(400);
    expect(res.body.type).toBe('/problems/malformed-event');
    expect(await eventCount()).toBe(before);
  });
});
