import { dateTime, formatMoney } from '@repo/contracts';
import type { Order, Restaurant } from '../../platform/db/schema.ts';
import { amountRows, cardLabel, itemOptions } from '../email-format.ts';
import type { OutgoingMail } from '../mailer.ts';
import type { EmailContext } from './email-context.ts';
import { type EmailModel, renderEmail } from './render-email.ts';

/** What each email says in its own words; the order, its items, totals and contact come from the context. */
export interface EmailMessage {
  subject: string;
  preview: string;
  heading: string;
  paragraphs: string[];
  payment: string[];
  /** The order goes ahead (pickup or delivery as planned), or it was cancelled. */
  fulfilment: 'planned' | 'cancelled';
}

export type Mail = Omit<OutgoingMail, 'messageId'>;

export const money = (order: Order, amount: number) => formatMoney(amount, order.currency);

/**
 * "Ready around …", "Arrives around …", "Scheduled for …": what the diner plans around, on the
 * restaurant's clock (a delivery arrives its delivery time after the kitchen has it ready); for a
 * cancelled order, what had been planned.
 */
export function whenLine(order: Order, restaurant: Restaurant, state: EmailMessage['fulfilment']): string {
  const zone = restaurant.timezone;
  const planned = state === 'cancelled';
  if (order.scheduled_time)
    return `${planned ? 'Was scheduled' : 'Scheduled'} for ${dateTime(order.scheduled_time, zone)}`;
  if (!order.estimated_ready_at)
    return planned ? 'Was to be made as soon as possible' : 'As soon as possible';
  if (order.order_type === 'delivery') {
    const arrives = new Date(order.estimated_ready_at.getTime() + restaurant.delivery_time_minutes * 60_000);
    return `${planned ? 'Was to arrive' : 'Arrives'} around ${dateTime(arrives, zone)}`;
  }
  const at = dateTime(order.estimated_ready_at, zone);
  return `${planned ? 'Was to be ready' : 'Ready'} around ${at}`;
}

function deliveryLines(order: Order): string[] {
  const address = order.delivery_address;
  if (!address) return [];
  return [
    `To ${[address.line1, address.line2, address.city, [address.region, address.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ')}`,
    ...(address.instructions ? [`Instructions: ${address.instructions}`] : []),
  ];
}

function fulfilmentOf({ order, restaurant }: EmailContext, state: EmailMessage['fulfilment']) {
  const delivery = order.order_type === 'delivery';
  const label = `${delivery ? 'Delivery' : 'Pickup'}${state === 'cancelled' ? ' (cancelled)' : ''}`;
  const where = delivery
    ? deliveryLines(order)
    : [`At ${restaurant.name}${restaurant.address ? `, ${restaurant.address}` : ''}`];
  return { label, lines: [whenLine(order, restaurant, state), ...where] };
}

/** "Paid $22.81 with Visa ending in 4242": the charge as the card shows it. */
export function paidLine(order: Order): string {
  return `Paid ${money(order, order.amount_received)} with ${cardLabel(order)}.`;
}

/** Renders one email about the order: its own message around the order's details. */
export async function orderEmail(context: EmailContext, message: EmailMessage): Promise<Mail> {
  const { order, items, restaurant } = context;
  const model: EmailModel = {
    subject: `${restaurant.name}: ${message.subject}`,
    preview: message.preview,
    heading: message.heading,
    paragraphs: message.paragraphs,
    orderLink: context.orderLink,
    orderNumber: order.order_number,
    placedAt: dateTime(order.created_at, restaurant.timezone),
    fulfilment: fulfilmentOf(context, message.fulfilment),
    items: items.map((item) => ({
      quantity: item.quantity,
      name: item.name,
      options: itemOptions(item),
      note: item.special_instructions,
      amount: money(order, item.line_total),
    })),
    orderNote: order.special_instructions,
    totals: amountRows(order).map(([label, value]) => ({ label, value, strong: label === 'Total' })),
    payment: message.payment,
    restaurant: {
      name: restaurant.name,
      address: restaurant.address,
      phone: restaurant.phone,
      phoneHref: restaurant.phone ? restaurant.phone.replaceAll(/[^\d+]/g, '') : null,
      email: restaurant.email,
    },
  };
  const rendered = await renderEmail(model);
  return {
    to: order.customer_email,
    replyTo: restaurant.email ?? undefined,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
  };
}
