import { type DinerOrderView, ORDER_LINK_DAYS } from '@repo/contracts';
import { requireRestaurant } from '../menu/menu.service.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { Order, Restaurant } from '../platform/db/schema.ts';
import { DomainError, GoneError, NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/uuid.ts';
import { findRefundsForOrder } from '../refunds/refunds.repository.ts';
import { reviewLogger, syncOrderWithIntent } from './lifecycle/payment-sync.ts';
import { orderTokenMatches } from './order-token.ts';
import { toDinerView } from './order-view.ts';
import { findOrder, findOrderItems } from './orders.repository.ts';
import type { OrdersDeps } from './orders.service.ts';

const NOT_FOUND = 'Order not found.';
const LINK_LIFETIME_MS = ORDER_LINK_DAYS * 24 * 60 * 60_000;

/** The right token for an order older than the link's lifetime: the order is kept, the link is not. */
function assertLinkCurrent(createdAt: Date, now: Date): void {
  if (now.getTime() - createdAt.getTime() <= LINK_LIFETIME_MS) return;
  throw new GoneError(
    'order-link-expired',
    'Order link expired',
    `Order links work for ${ORDER_LINK_DAYS} days after the order; ask the restaurant about older orders.`,
  );
}

/**
 * The order behind the diner's token (the one it was placed with, or an email's order link token,
 * signed with `linkSecret`), or 404: a wrong token looks exactly like a missing order.
 */
export async function requireDinerOrder(
  db: Db,
  linkSecret: string,
  slug: string,
  orderId: string,
  token: string | undefined,
  now = new Date(),
): Promise<{ restaurant: Restaurant; order: Order }> {
  // An unknown restaurant looks like an unknown order; a database failure stays one (503).
  const restaurant = await requireRestaurant(db, slug).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(NOT_FOUND) : error;
  });
  const order = isUuid(orderId) ? await findOrder(db, restaurant.id, orderId) : undefined;
  if (!order || !orderTokenMatches(token, order, linkSecret)) throw new NotFoundError(NOT_FOUND);
  assertLinkCurrent(order.created_at, now);
  return { restaurant, order };
}

/** The diner's view of the order as stored: no call to Stripe, whatever its state. */
export async function storedDinerView(
  db: Db,
  restaurant: Pick<Restaurant, 'delivery_time_minutes'>,
  order: Order,
): Promise<DinerOrderView> {
  const [items, refunds] = await Promise.all([
    findOrderItems(db, order.id),
    findRefundsForOrder(db, order.id),
  ]);
  return toDinerView(order, items, { refunds, deliveryMinutes: restaurant.delivery_time_minutes });
}

/**
 * The diner's view, behind the order token (or an email's order link token). While payment is open
 * it re-syncs the PaymentIntent through the webhook's own code path, so the redirect may arrive
 * before or after the webhook.
 */
export async function getDinerOrder(
  deps: OrdersDeps & { config: Pick<Config, 'ORDER_LINK_SECRET'> },
  slug: string,
  orderId: string,
  token: string | undefined,
  now = new Date(),
): Promise<DinerOrderView> {
  const found = await requireDinerOrder(deps.db, deps.config.ORDER_LINK_SECRET, slug, orderId, token, now);
  const { restaurant } = found;
  let { order } = found;
  if (order.status === 'pending_payment' && order.payment_intent_id) {
    // Best effort: whatever the provider says (down, or no such intent), the stored order is the answer.
    const intent = await deps.payments
      .retrievePaymentIntent(order.payment_intent_id)
      .catch((error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        deps.logger.warn({ orderId, reason: error.message }, 'payment re-sync skipped');
        return null;
      });
    if (intent) {
      // A review it raises is logged once committed: for a person, and for the alerts.
      const onReview = reviewLogger(deps.logger, { paymentIntentId: intent.id });
      await syncOrderWithIntent(deps.db, orderId, intent, { actorType: 'diner', actorId: null }, onReview);
      // Read again even when this re-sync changed nothing: a webhook may have moved the order meanwhile.
      order = (await findOrder(deps.db, order.restaurant_id, orderId)) ?? order;
    }
  }
  return storedDinerView(deps.db, restaurant, order);
}
