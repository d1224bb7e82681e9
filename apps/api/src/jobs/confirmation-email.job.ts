import { type EmailContext, loadEmailContext } from './emails/email-context.ts';
import { type Mail, orderEmail, paidLine } from './emails/order-email.ts';
import type { OrderJobHandler } from './job-types.ts';
import { assertNotBeingCancelled, isKitchenOrder } from './order-context.ts';

/** The diner's receipt: what they ordered, what they paid, and when and where to expect it. */
export function confirmationEmail(context: EmailContext): Promise<Mail> {
  const { order, restaurant } = context;
  const firstName = order.customer_name.split(/\s+/)[0] ?? '';
  return orderEmail(context, {
    subject: `Order #${order.order_number} confirmed`,
    preview: `${restaurant.name} has your order #${order.order_number}.`,
    heading: `Thanks, ${firstName}! Your order is confirmed.`,
    paragraphs: [`${restaurant.name} has your order #${order.order_number}.`],
    payment: [paidLine(order)],
    fulfilment: 'planned',
  });
}

export const sendConfirmationEmail: OrderJobHandler = async (deps, job, signal) => {
  const context = await loadEmailContext(deps, job.order_id);
  if (!isKitchenOrder(context.order)) {
    return { status: 'skipped', detail: `order is ${context.order.status}` };
  }
  assertNotBeingCancelled(context.order);
  const mail = await confirmationEmail(context);
  const where = await deps.mailer.send(
    { ...mail, messageId: `<order-job-${job.id}@${deps.mailer.domain}>` },
    signal,
  );
  return { status: 'succeeded', detail: where };
};
