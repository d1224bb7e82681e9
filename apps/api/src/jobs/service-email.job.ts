import type { Order, Restaurant } from '../platform/db/schema.ts';
import { escapeHtml, formatMoney, htmlDocument, textFooter } from './email-format.ts';
import type { OrderJobHandler } from './job-types.ts';
import type { OutgoingMail } from './mailer.ts';
import { loadOrderContext, type OrderContext } from './order-context.ts';

type Mail = Omit<OutgoingMail, 'messageId'>;

function mail({ order, restaurant }: OrderContext, title: string, lines: string[]): Mail {
  return {
    to: order.customer_email,
    replyTo: restaurant.email ?? undefined,
    subject: `${restaurant.name}: ${title}`,
    text: [...lines, textFooter(restaurant)].join('\n'),
    html: htmlDocument(title, lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'), restaurant),
  };
}

function rejectionWhy(order: Order): string {
  return order.cancel_reason === 'not_accepted_in_time'
    ? 'was not accepted in time'
    : `could not be taken${order.cancel_reason ? ` (${order.cancel_reason})` : ''}`;
}

/** The restaurant could not take the order: nothing was charged, and the hold on the card goes. */
export function rejectionEmail(context: OrderContext): Mail {
  const { order, restaurant } = context;
  return mail(context, `Order #${order.order_number} not accepted`, [
    `Sorry: your order #${order.order_number} at ${restaurant.name} ${rejectionWhy(order)}.`,
    `Your card was not charged. The hold of ${formatMoney(order.total, order.currency)} is released; your bank usually removes it within a few days.`,
  ]);
}

function pickupLine(restaurant: Restaurant): string {
  return restaurant.address
    ? `Pick it up at ${restaurant.name}, ${restaurant.address}.`
    : 'Come and pick it up.';
}

/** The kitchen marked the order ready: come and get it, or it is on its way. */
export function readyEmail(context: OrderContext): Mail {
  const { order, restaurant } = context;
  return order.order_type === 'delivery'
    ? mail(context, `Order #${order.order_number} is on its way`, [
        `Your order #${order.order_number} from ${restaurant.name} is ready and on its way to you.`,
      ])
    : mail(context, `Order #${order.order_number} is ready for pickup`, [
        `Your order #${order.order_number} is ready for pickup.`,
        pickupLine(restaurant),
      ]);
}

export const sendRejectionEmail: OrderJobHandler = async ({ db, mailer }, job, signal) => {
  const context = await loadOrderContext(db, job.order_id);
  if (context.order.status !== 'cancelled' || context.order.amount_received > 0)
    return { status: 'skipped', detail: `order is ${context.order.status}, ${context.order.payment_status}` };
  const where = await mailer.send(
    { ...rejectionEmail(context), messageId: `<order-job-${job.id}@${mailer.domain}>` },
    signal,
  );
  return { status: 'succeeded', detail: where };
};

export const sendReadyEmail: OrderJobHandler = async ({ db, mailer }, job, signal) => {
  const context = await loadOrderContext(db, job.order_id);
  if (context.order.status !== 'ready' && context.order.status !== 'completed')
    return { status: 'skipped', detail: `order is ${context.order.status}` };
  const where = await mailer.send(
    { ...readyEmail(context), messageId: `<order-job-${job.id}@${mailer.domain}>` },
    signal,
  );
  return { status: 'succeeded', detail: where };
};
