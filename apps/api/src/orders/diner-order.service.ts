import type { DinerOrderView } from '@repo/contracts';
import { requireRestaurant } from '../menu/menu.service.ts';
import type { Config } from '../platform/config.ts';
import { DomainError, NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/uuid.ts';
import { reviewLogger, syncOrderWithIntent } from './lifecycle/payment-sync.ts';
import { orderTokenMatches } from './order-token.ts';
import { toDinerView } from './order-view.ts';
import { findOrder, findOrderItems } from './orders.repository.ts';
import type { OrdersDeps } from './orders.service.ts';

const NOT_FOUND = 'Order not found.';

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
): Promise<DinerOrderView> {
  // An unknown restaurant looks like an unknown order; a database failure stays one (503).
  const restaurant = await requireRestaurant(deps.db, slug).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(NOT_FOUND) : error;
  });
  if (!isUuid(orderId)) throw new NotFoundError(NOT_FOUND);
  let order = await findOrder(deps.db, restaurant.id, orderId);
  const link = { secret: deps.config.ORDER_LINK_SECRET, now: new Date() };
  if (!order || !orderTokenMatches(token, order, link)) throw new NotFoundError(NOT_FOUND);

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
  return toDinerView(order, await findOrderItems(deps.db, order.id));
}
