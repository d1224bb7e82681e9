import {
  amountRows,
  escapeHtml,
  formatMoney,
  htmlDocument,
  itemLabel,
  textFooter,
  whenLine,
} from './email-format.ts';
import type { OrderJobHandler } from './job-types.ts';
import type { OutgoingMail } from './mailer.ts';
import {
  assertNotBeingCancelled,
  isKitchenOrder,
  loadOrderContext,
  type OrderContext,
} from './order-context.ts';

function addressLine({ order }: OrderContext): string | null {
  const address = order.delivery_address;
  if (!address) return null;
  return [address.line1, address.line2, `${address.postal_code} ${address.city}`].filter(Boolean).join(', ');
}

/** The diner's receipt: order number, items, total, pickup or delivery time, the restaurant's contact. */
export function confirmationEmail(context: OrderContext): Omit<OutgoingMail, 'messageId'> {
  const { order, items, restaurant } = context;
  const money = (amount: number) => formatMoney(amount, order.currency);
  const firstName = order.customer_name.split(/\s+/)[0] ?? '';
  const title = `Order #${order.order_number} confirmed`;
  const when = whenLine(order, restaurant);
  const address = addressLine(context);
  const text = [
    `Thanks, ${firstName}! ${restaurant.name} has your order.`,
    '',
    `Order #${order.order_number}`,
    when,
    ...(address ? [`Deliver to: ${address}`] : []),
    '',
    ...items.flatMap((item) => [
      `${itemLabel(item)}  ${money(item.line_total)}`,
      ...(item.special_instructions ? [`    Note: ${item.special_instructions}`] : []),
    ]),
    ...(order.special_instructions ? ['', `Order note: ${order.special_instructions}`] : []),
    '',
    ...amountRows(order).map(([label, value]) => `${label}: ${value}`),
    textFooter(restaurant),
  ].join('\n');
  const itemRows = items
    .map(
      (item) =>
        `<tr><td>${escapeHtml(itemLabel(item))}${
          item.special_instructions ? `<br><small>Note: ${escapeHtml(item.special_instructions)}</small>` : ''
        }</td><td align="right">${money(item.line_total)}</td></tr>`,
    )
    .join('\n');
  const totals = amountRows(order)
    .map(([label, value]) => `<tr><td>${label}</td><td align="right">${value}</td></tr>`)
    .join('\n');
  const body = [
    `<p>Thanks, ${escapeHtml(firstName)}! ${escapeHtml(restaurant.name)} has your order.</p>`,
    `<p><strong>Order #${order.order_number}</strong><br>${escapeHtml(when)}`,
    address ? `<br>Deliver to: ${escapeHtml(address)}</p>` : '</p>',
    `<table width="100%" cellpadding="4">${itemRows}</table>`,
    order.special_instructions ? `<p>Order note: ${escapeHtml(order.special_instructions)}</p>` : '',
    `<table width="100%" cellpadding="4">${totals}</table>`,
  ].join('\n');
  return {
    to: order.customer_email,
    replyTo: restaurant.email ?? undefined,
    subject: `${restaurant.name}: ${title}`,
    text,
    html: htmlDocument(title, body, restaurant),
  };
}

export const sendConfirmationEmail: OrderJobHandler = async ({ db, mailer }, job, signal) => {
  const context = await loadOrderContext(db, job.order_id);
  if (!isKitchenOrder(context.order)) {
    return { status: 'skipped', detail: `order is ${context.order.status}` };
  }
  assertNotBeingCancelled(context.order);
  const where = await mailer.send(
    {
      ...confirmationEmail(context),
      messageId: `<order-job-${job.id}@${mailer.domain}>`,
    },
    signal,
  );
  return { status: 'succeeded', detail: where };
};
