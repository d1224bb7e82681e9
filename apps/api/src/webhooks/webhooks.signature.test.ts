import Stripe from 'stripe';
import {
  appWith,
  createTestContext,
  rowCount,
  type TestContext,
  WEBHOOK_SECRET,
} from '../../test/harness.ts';
import { deliver, orderRow, placeOrder, storedEvent, succeeded } from '../../test/webhooks.ts';
import { createStripeGateway } from '../payments/stripe-gateway.ts';
import { createLogger } from '../platform/logger.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const eventCount = () => rowCount(ctx.db, 'webhook_events');

describe('POST /payments/webhooks/stripe signature checks', () => {
  it.each([
    ['a wrong secret', { secret: 'whsec_not_ours' }],
    ['a missing header', { header: null }],
    ['a garbage header', { header: 't=1,v1=deadbeef' }],
    ['an old timestamp', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['a timestamp an hour ahead', { timestamp: Math.floor(Date.now() / 1000) + 3600 }],
    ['a timestamp just past the tolerance ahead', { timestamp: Math.floor(Date.now() / 1000) + 330 }],
  ])('when the request has %s, then it answers 400 and stores nothing', async (_name, options) => {
    const order = await placeOrder(ctx);
    const event = await succeeded(ctx, order);
    const before = await eventCount();
    const res = await deliver(ctx, event, options).expect(400);
    expect(res.body.type).toBe('/problems/invalid-signature');
    expect(await eventCount()).toBe(before);
    expect((await orderRow(ctx, order.orderId)).status).toBe('pending_payment');
  });

  it('when the timestamp is a little ahead of our clock (within the tolerance), then it is accepted', async () => {
    const order = await placeOrder(ctx);
    await deliver(ctx, await succeeded(ctx, order), { timestamp: Math.floor(Date.now() / 1000) + 60 }).expect(
      200,
    );
    expect((await orderRow(ctx, order.orderId)).status).toBe('confirmed');
  });

  it('when the body is tampered with after signing, then it answers 400 and stores nothing', async () => {
    const order = await placeOrder(ctx);
    const event = await succeeded(ctx, order);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload: JSON.stringify(event),
      secret: WEBHOOK_SECRET,
    });
    const tampered = JSON.stringify({
      ...event,
      data: { object: { ...event.data.object, amount_received: 1 } },
    });
    await deliver(ctx, event, { header, rawBody: tampered }).expect(400);
    expect(await storedEvent(ctx, event.id)).toBeUndefined();
  });

  it('when secrets are being rotated, then an event signed with either configured secret is accepted', async () => {
    const rotating = createStripeGateway({
      secretKey: ctx.emulator.secretKey,
      publishableKey: ctx.emulator.publishableKey,
      webhookSecrets: ['whsec_old_secret_before_rotation', WEBHOOK_SECRET],
      apiBase: ctx.emulator.url,
      logger: createLogger(ctx.config),
    });
    const app = appWith(ctx, { payments: rotating });
    const first = await placeOrder(ctx);
    await deliver(ctx, await succeeded(ctx, first), {
      app,
      secret: 'whsec_old_secret_before_rotation',
    }).expect(200);
    const second = await placeOrder(ctx);
    await deliver(ctx, await succeeded(ctx, second), { app, secret: WEBHOOK_SECRET }).expect(200);
    expect((await orderRow(ctx, first.orderId)).status).toBe('confirmed');
    expect((await orderRow(ctx, second.orderId)).status).toBe('confirmed');
  });

  it('when the header carries two v1 signatures and one matches, then it is accepted', async () => {
    const order = await placeOrder(ctx);
    const event = await succeeded(ctx, order);
    const payload = JSON.stringify(event);
    const ours = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const theirs = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' });
    const v1 = (header: string) => header.split(',').find((part) => part.startsWith('v1='));
    const header = `${ours.split(',')[0]},${v1(theirs)},${v1(ours)}`;
    await deliver(ctx, event, { header }).expect(200);
    expect((await orderRow(ctx, order.orderId)).status).toBe('confirmed');
  });
});
