import { CancellationEmailFacts } from '../orders/lifecycle/email-facts.ts';
import { cardLabel } from './email-format.ts';
import { type EmailContext, loadEmailContext } from './emails/email-context.ts';
import { type Mail, money, orderEmail, paidLine } from './emails/order-email.ts';
import type { OrderJobHandler } from './job-types.ts';

/**
 * A paid order was cancelled: why, and what comes back to the card. The cancellation's refunds are
 * told here (they get no refund email of their own), with the figures of the moment it was cancelled.
 */
export function cancellationEmail(context: EmailContext, facts: CancellationEmailFacts): Promise<Mail> {
  const { order, restaurant } = context;
  const paid = money(order, facts.amount_paid);
  const cancelled = `${restaurant.name} cancelled your order #${order.order_number}.`;
  const refund: string[] = [];
  if (facts.refund_amount > 0) {
    refund.push(`We are refunding ${money(order, facts.refund_amount)} to ${cardLabel(order)}.`);
    if (facts.refunded_before > 0)
      refund.push(
        `With the ${money(order, facts.refunded_before)} refunded earlier, that is the whole ${paid} you paid.`,
      );
    refund.push('Refunds usually appear on your statement within 5 to 10 business days.');
  } else if (facts.refunded_before > 0) {
    refund.push(
      `The ${money(order, facts.refunded_before)} refunded earlier was all that remained to refund.`,
    );
  }
  const refunded = facts.refund_amount + facts.refunded_before;
  return orderEmail(context, {
    subject: `Order #${order.order_number} cancelled`,
    preview: facts.refund_amount > 0 ? `${cancelled} ${refund[0]}` : cancelled,
    heading: `Your order #${order.order_number} is cancelled`,
    paragraphs: [cancelled, ...(facts.reason ? [`Reason: ${facts.reason}`] : []), ...refund],
    payment: [
      paidLine(order),
      refunded >= facts.amount_paid
        ? `Refunded: all ${paid}.`
        : `Refunded: ${money(order, refunded)} of ${paid}.`,
    ],
    fulfilment: 'cancelled',
  });
}

export const sendCancellationEmail: OrderJobHandler = async (deps, job, signal) => {
  const context = await loadEmailContext(deps, job.order_id);
  const mail = await cancellationEmail(context, CancellationEmailFacts.parse(job.payload));
  const where = await deps.mailer.send(
    { ...mail, messageId: `<order-job-${job.id}@${deps.mailer.domain}>` },
    signal,
  );
  return { status: 'succeeded', detail: where };
};
