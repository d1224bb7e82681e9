import type { OrderSummary } from '@repo/contracts';
import { dateTime, formatMoney } from '@repo/contracts/browser';
import { el } from '@repo/site-kit/dom';
import { pageUrl } from '../../lib/config.ts';
import { PAYMENT_WORDS, STATUS_WORDS } from '../order/order-view.ts';

/** One table row of an order summary, its number linking to the order page. */
export function orderRow(order: OrderSummary, base: string, timezone: string): HTMLTableRowElement {
  const status = el('td', { text: STATUS_WORDS[order.status] });
  if (order.review_reason) status.append(' ', el('span', { class: 'badge badge-alert', text: 'Flagged' }));
  return el(
    'tr',
    { 'data-order-id': order.order_id },
    el('td', {}, el('a', { href: pageUrl(base, 'order', { id: order.order_id }) }, `#${order.order_number}`)),
    el('td', { text: dateTime(order.created_at, timezone) }),
    el('td', { text: order.customer_name }),
    el('td', { text: order.order_type === 'delivery' ? 'Delivery' : 'Pickup' }),
    status,
    el('td', { text: PAYMENT_WORDS[order.payment_status] }),
    el('td', { text: formatMoney(order.total, order.currency) }),
  );
}
