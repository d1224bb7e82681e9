import { type DinerOrderView, ORDER_LINK_DAYS } from '@repo/contracts';
import { requireRestaurant } from '../menu/menu.service.ts';
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
 * The diner's view, behind the order token. While payment is open it re-syncs the PaymentIntent
 * through the webhook's own code path, so the redirect may arrive before or after the webhook.
 */
export async function getDinerOrder(
  deps: OrdersDeps,
  slug: string,
  orderId: string,
  token: string | undefined,
  now = new Date(),
): Promise<DinerOrderView> {
  // An unknown restaurant looks like an unknown order; a database failure stays one (503).
  const restaurant = await requireRestaurant(deps.db, slug).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(NOT_FOUND) : error;
  });
  if (!isUuid(orderId)) throw new NotFoundError(NOT_FOUND);
  let order = await findOrder(deps.db, restaurant.id, orderId);
  if (!order || !orderTokenMatches(token, order.order_token_hash)) throw new NotFoundError(NOT_FOUND);
  assertLinkCurrent(order.created_at, now);

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
      order = (await findOrder(deps.db, restaurant.id, orderId)) ?? order;
    }
  }
  const [items, refunds] = await Promise.all([
    findOrderItems(deps.db, order.id),
    findRefundsForOrder(deps.db, order.id),
  ]);
  return toDinerView(order, items, { refunds, deliveryMinutes: restaurant.delivery_time_minutes });
}
