import request from 'supertest';
import { seedDemoRestaurant } from '../src/restaurants/seed.ts';
import type { TestContext } from './harness.ts';
import { operatorApi, operatorKey } from './operators.ts';
import { type PlacedOrder, placeOrder, sdk } from './webhooks.ts';

export const MANUAL = 'demo-manual';

/** The manual-acceptance demo restaurant and a staff API for it. */
export async function manualRestaurant(ctx: TestContext) {
  await seedDemoRestaurant(ctx.db, MANUAL);
  return operatorApi(ctx, await operatorKey(ctx, MANUAL), MANUAL);
}

/** The diner's view of an order, which also re-syncs it from Stripe while its payment is open. */
export async function dinerView(ctx: TestContext, order: PlacedOrder, slug = MANUAL) {
  const res = await request(ctx.app)
    .get(`/api/clients/${slug}/orders/${order.orderId}`)
    .set('X-Order-Token', order.token)
    .expect(200);
  return res.body;
}

/** An order of the manual restaurant whose card Stripe has authorized: it waits for the staff. */
export async function authorizedOrder(
  ctx: TestContext,
  paymentMethod = 'pm_card_visa',
): Promise<PlacedOrder> {
  const order = await placeOrder(ctx, 300, MANUAL);
  await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: paymentMethod });
  const view = await dinerView(ctx, order);
  if (view.status !== 'awaiting_acceptance') throw new Error(`order not authorized: ${view.status}`);
  return order;
}
