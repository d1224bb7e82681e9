import type { Order } from '../platform/db/schema.ts';
import { cardLabel } from './email-format.ts';
import { type EmailContext, loadEmailContext } from './emails/email-context.ts';
import { type Mail, money, orderEmail, paidLine } from './emails/order-email.ts';
import type { OrderJobHandler } from './job-types.ts';

function rejectionWhy(order: Order): string {
  if (order.cancel_reason === 'not_accepted_in_time') return 'was not accepted in time';
  return `could not be taken${order.cancel_reason ? ` (${order.cancel_reason})` : ''}`;
}

/** The restaurant could not take the order: nothing was charged, and the hold on the card goes. */
export function rejectionEmail(context: EmailContext): Promise<Mail> {
  const { order, restaurant } = context;
  const sorry = `Sorry: your order #${order.order_number} at ${restaurant.name} ${rejectionWhy(order)}.`;
  return orderEmail(context, {
    subject: `Order #${order.order_number} not accepted`,
    preview: sorry,
    heading: `${restaurant.name} could not take your order`,
    paragraphs: [sorry, 'Your card was not charged.'],
    payment: [
      `The hold of ${money(order, order.total)} on ${cardLabel(order)} is released; your bank usually removes it within a few days.`,
    ],
    fulfilment: 'cancelled',
  });
}

/** The kitchen marked the order ready: come and get it, or it is on its way. */
export function readyEmail(context: EmailContext): Promise<Mail> {
  const { order, restaurant } = context;
  const delivery = order.order_type === 'delivery';
  const where = restaurant.address ? `${restaurant.name}, ${restaurant.address}` : restaurant.name;
  const news = delivery
    ? `Your order #${order.order_number} from ${restaurant.name} is ready and on its way to you.`
    : `Your order #${order.order_number} is ready for pickup at ${where}.`;
  return orderEmail(context, {
    subject: `Order #${order.order_number} is ${delivery ? 'on its way' : 'ready for pickup'}`,
    preview: news,
    heading: delivery ? 'Your order is on its way' : 'Your order is ready for pickup',
    paragraphs: [news],
    payment: [paidLine(order)],
    fulfilment: 'planned',
  });
}

export const sendRejectionEmail: OrderJobHandler = async (deps, job, signal) => {
  const context = await loadEmailContext(deps, job.order_id);
  const { order } = context;
  if (order.status !== 'cancelled' || order.amount_received > 0)
    return { status: 'skipped', detail: `order is ${order.status}, ${order.payment_status}` };
  const mail = await rejectionEmail(context);
  const where = await deps.mailer.send(
    { ...mail, messageId: `<order-job-${job.id}@${deps.mailer.domain}>` },
    signal,
  );
  return { status: 'succeeded', detail: where };
};

export const sendReadyEmail: OrderJobHandler = async (deps, job, signal) => {
  const context = await loadEmailContext(deps, job.order_id);
  if (context.order.status !== 'ready' && context.order.status !== 'completed')
    return { status: 'skipped', detail: `order is ${context.order.status}` };
  const mail = await readyEmail(context);
  const where = await deps.mailer.send(
    { ...mail, messageId: `<order-job-${job.id}@${deps.mailer.domain}>` },
    signal,
  );
  return { status: 'succeeded', detail: where };
};
