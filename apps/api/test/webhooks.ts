import { randomBytes } from 'node:crypto';
import type { CreateOrderResponse } from '@repo/contracts';
import type { Express } from 'express';
import Stripe from 'stripe';
import request from 'supertest';
import { fetchMenu, newKey, pickupOrder } from './fixtures.ts';
import { type TestContext, WEBHOOK_SECRET } from './harness.ts';

export interface PlacedOrder {
  orderId: string;
  intentId: string;
  token: string;
  total: number;
}

export function sdk(ctx: TestContext): Stripe {
  return new Stripe(ctx.emulator.secretKey, ctx.emulator.stripeConfig);
}

export async function placeOrder(ctx: TestContext, tip = 300, slug = 'demo'): Promise<PlacedOrder> {
  const menu = await fetchMenu(ctx, slug);
  const res = await request(ctx.app)
    .post(`/api/clients/${slug}/orders`)
    .set('Idempotency-Key', newKey())
    .send(pickupOrder(menu, { tip }))
    .expect(201);
  const body = res.body as CreateOrderResponse;
  return {
    orderId: body.order_id,
    intentId: body.client_secret.split('_secret_')[0] ?? '',
    token: body.order_token,
    total: body.amounts.total,
  };
}

/**
 * Points an order at a PaymentIntent id Stripe does not know (test data deleted, or another
 * account's key), and returns that id.
 */
export async function loseIntentAtStripe(ctx: TestContext, orderId: string): Promise<string> {
  const missingIntentId = `pi_missing_${orderId.slice(0, 8)}`;
  await ctx.db
    .updateTable('orders')
    .set({ payment_intent_id: missingIntentId })
    .where('id', '=', orderId)
    .execute();
  return missingIntentId;
}

/**
 * A placed order whose PaymentIntent the diner paid at Stripe (no webhook delivered) after the
 * order's total stopped matching its amount: a payment that must not confirm it.
 */
export async function placeMismatchedPaidOrder(ctx: TestContext) {
  const order = await placeOrder(ctx);
  await ctx.db
    .updateTable('orders')
    .set((eb) => ({ subtotal: eb('subtotal', '+', 100), total: eb('total', '+', 100) }))
    .where('id', '=', order.orderId)
    .execute();
  await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
  return order;
}

/** A placed order whose PaymentIntent Stripe does not know; `intentId` is still the one it opened. */
export async function placeOrderWithMissingIntent(ctx: TestContext) {
  const order = await placeOrder(ctx);
  return { ...order, missingIntentId: await loseIntentAtStripe(ctx, order.orderId) };
}

/** A Stripe event around an object, as Stripe delivers it. */
export function stripeEvent<T extends object>(type: string, object: T) {
  return {
    id: `evt_test_${randomBytes(8).toString('hex')}`,
    object: 'event',
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** A Stripe event around the intent's current state at the emulator, with fields overridden. */
export async function intentEvent(
  ctx: TestContext,
  type: string,
  intentId: string,
  overrides: Record<string, unknown> = {},
) {
  const intent = await sdk(ctx).paymentIntents.retrieve(intentId);
  return stripeEvent(type, { ...intent, ...overrides });
}

export function succeeded(ctx: TestContext, order: PlacedOrder, overrides: Record<string, unknown> = {}) {
  return intentEvent(ctx, 'payment_intent.succeeded', order.intentId, {
    status: 'succeeded',
    amount_received: order.total,
    ...overrides,
  });
}

export function failed(ctx: TestContext, order: PlacedOrder, message = 'Your card was declined.') {
  return intentEvent(ctx, 'payment_intent.payment_failed', order.intentId, {
    status: 'requires_payment_method',
    last_payment_error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message,
    },
  });
}

/** A `charge.dispute.*` event about the order's payment, with the given dispute status. */
export function disputeEvent(order: PlacedOrder, type: string, status: string, disputeId = 'dp_test_1') {
  return stripeEvent(type, {
    id: disputeId,
    object: 'dispute',
    amount: order.total,
    currency: 'usd',
    payment_intent: order.intentId,
    reason: 'fraudulent',
    status,
  });
}

export function processing(ctx: TestContext, order: PlacedOrder) {
  return intentEvent(ctx, 'payment_intent.processing', order.intentId, { status: 'processing' });
}

export interface DeliverOptions {
  secret?: string;
  timestamp?: number;
  header?: string | null;
  rawBody?: string;
  app?: Express;
}

/** Posts an event as Stripe does: the exact JSON bytes, signed by the real SDK. */
export function deliver(ctx: TestContext, event: unknown, options: DeliverOptions = {}) {
  const payload = options.rawBody ?? JSON.stringify(event);
  const header =
    options.header !== undefined
      ? options.header
      : Stripe.webhooks.generateTestHeaderString({
          payload: JSON.stringify(event),
          secret: options.secret ?? WEBHOOK_SECRET,
          ...(options.timestamp ? { timestamp: options.timestamp } : {}),
        });
  const req = request(options.app ?? ctx.app)
    .post('/payments/webhooks/stripe')
    .set('Content-Type', 'application/json');
  if (header !== null) req.set('Stripe-Signature', header);
  return req.send(payload);
}

export async function orderRow(ctx: TestContext, orderId: string) {
  return ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
}

export async function jobsFor(ctx: TestContext, orderId: string) {
  return ctx.db
    .selectFrom('order_jobs')
    .select(['kind', 'ref', 'status'])
    .where('order_id', '=', orderId)
    .orderBy('kind')
    .execute();
}

export async function storedEvent(ctx: TestContext, id: string) {
  return ctx.db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
}
