import type { Order, OrderItem, Restaurant } from '../platform/db/schema.ts';

export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

export function formatTime(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
    value,
  );
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** "Pickup around …", "Delivery scheduled for …": what the diner plans around. */
export function whenLine(order: Order, restaurant: Restaurant): string {
  const kind = order.order_type === 'delivery' ? 'Delivery' : 'Pickup';
  if (order.scheduled_time)
    return `${kind} scheduled for ${formatTime(order.scheduled_time, restaurant.timezone)}`;
  if (order.estimated_ready_at) {
    return `${kind}, ready around ${formatTime(order.estimated_ready_at, restaurant.timezone)}`;
  }
  return `${kind}, as soon as possible`;
}

export function itemLabel(item: OrderItem): string {
  const modifiers = item.modifiers.map((m) => m.name).join(', ');
  return `${item.quantity} × ${item.name}${modifiers ? ` (${modifiers})` : ''}`;
}

export function amountRows(order: Order): [string, string][] {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const rows: [string, string][] = [
    ['Subtotal', money(order.subtotal)],
    ['Tax', money(order.tax)],
  ];
  if (order.tip > 0) rows.push(['Tip', money(order.tip)]);
  if (order.delivery_fee > 0) rows.push(['Delivery fee', money(order.delivery_fee)]);
  rows.push(['Total', money(order.total)]);
  // Accepted with less captured than ordered (an item ran out): what the card was actually charged.
  if (order.amount_received > 0 && order.amount_received < order.total)
    rows.push(['Charged to your card', money(order.amount_received)]);
  return rows;
}

export function contactLines(restaurant: Restaurant): string[] {
  return [restaurant.name, restaurant.phone, restaurant.email, restaurant.address].filter(
    (line): line is string => Boolean(line),
  );
}

/** The shared HTML frame: a heading, the body, and the restaurant's contact in the footer. */
export function htmlDocument(title: string, body: string, restaurant: Restaurant): string {
  const contact = contactLines(restaurant).map(escapeHtml).join('<br>');
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;color:#222;max-width:560px;margin:auto">',
    `<h1 style="font-size:20px">${escapeHtml(title)}</h1>`,
    body,
    `<hr><p style="color:#555;font-size:13px">Questions about your order? Contact<br>${contact}</p>`,
    '</body></html>',
  ].join('\n');
}

export function textFooter(restaurant: Restaurant): string {
  return ['', 'Questions about your order? Contact', ...contactLines(restaurant)].join('\n');
}
