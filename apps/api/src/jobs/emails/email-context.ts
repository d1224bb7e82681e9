import { recordPaymentCard } from '../../orders/lifecycle/lifecycle.repository.ts';
import { orderLinkToken } from '../../orders/order-token.ts';
import type { Order, Restaurant } from '../../platform/db/schema.ts';
import type { JobDeps } from '../job-types.ts';
import { loadOrderContext, type OrderContext } from '../order-context.ts';

/** What a diner email needs: the order, its lines, its restaurant, and the link to its page. */
export interface EmailContext extends OrderContext {
  orderLink: string | null;
}

/**
 * The diner's order page on the restaurant's storefront, with a link token in the fragment (which
 * browsers never send to a server, so it stays out of access logs). None without a site URL.
 */
export function orderLinkOf(order: Order, restaurant: Restaurant, secret: string): string | null {
  if (!restaurant.site_url) return null;
  const fragment = new URLSearchParams({ order: order.id, token: orderLinkToken(order, secret) });
  return `${restaurant.site_url}/order-confirmation#${fragment}`;
}

/**
 * The card is learnt from Stripe the first time an email needs it (a payment webhook does not carry
 * it) and kept on the order. Without it, or with Stripe unreachable, the email still goes, naming
 * "your card": a receipt on time matters more than the last four digits.
 */
async function withPaymentCard(
  deps: Pick<JobDeps, 'db' | 'logger' | 'payments'>,
  order: Order,
): Promise<Order> {
  const charged = order.amount_received > 0 || order.authorized_at !== null;
  if (order.card_last4 || !order.payment_intent_id || !charged || !deps.payments) return order;
  try {
    const card = await deps.payments.retrievePaymentCard(order.payment_intent_id);
    if (!card) return order;
    await recordPaymentCard(deps.db, order.id, card);
    return { ...order, card_brand: card.brand, card_last4: card.last4 };
  } catch (error) {
    deps.logger.warn(
      { orderId: order.id, err: error },
      'the paying card could not be read from Stripe; the email names no card',
    );
    return order;
  }
}

export async function loadEmailContext(
  deps: Pick<JobDeps, 'db' | 'config' | 'logger' | 'payments'>,
  orderId: string,
): Promise<EmailContext> {
  const context = await loadOrderContext(deps.db, orderId);
  const order = await withPaymentCard(deps, context.order);
  return {
    ...context,
    order,
    orderLink: orderLinkOf(order, context.restaurant, deps.config.ORDER_LINK_SECRET),
  };
}
