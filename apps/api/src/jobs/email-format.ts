/**
 * What the emails say about an order beyond money and times, which are formatted as the sites
 * format them (`formatMoney` and `dateTime` from `@repo/contracts`).
 */
import { formatMoney } from '@repo/contracts';
import type { Order, OrderItem } from '../platform/db/schema.ts';

const CARD_BRANDS: Record<string, string> = {
  amex: 'American Express',
  cartes_bancaires: 'Cartes Bancaires',
  diners: 'Diners Club',
  discover: 'Discover',
  eftpos_au: 'eftpos',
  interac: 'Interac',
  jcb: 'JCB',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
  visa: 'Visa',
};

/** "Visa ending in 4242", from Stripe's brand code; "your card" when the card is not known. */
export function cardLabel(order: Pick<Order, 'card_brand' | 'card_last4'>): string {
  if (!order.card_last4) return 'your card';
  const brand = order.card_brand ? (CARD_BRANDS[order.card_brand] ?? 'Card') : 'Card';
  return `${brand} ending in ${order.card_last4}`;
}

/** The options chosen for a line, one entry per modifier group: `Size: Large 16"`. */
export function itemOptions(item: OrderItem): string[] {
  const groups = new Map<string, string[]>();
  for (const modifier of item.modifiers) {
    const names = groups.get(modifier.group_name) ?? [];
    names.push(modifier.name);
    groups.set(modifier.group_name, names);
  }
  return [...groups].map(([group, names]) => `${group}: ${names.join(', ')}`);
}

/** Subtotal to total, and what the card was charged when an acceptance captured less. */
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
